using Microsoft.Extensions.Logging.Abstractions;
using SearchEngine.Training.Model;
using SearchEngine.Training.Training;
using TorchSharp;

namespace SearchEngine.Training.Tests;

public sealed class ContrastiveTrainerTests
{
    private static readonly HeadShape Tiny = new() { Dimension = 32, HiddenWidth = 64, AudioTokenWidth = 32, PoolingQueries = 2, Dropout = 0.1 };

    [Fact]
    public void Training_on_aligned_synthetic_features_lowers_the_contrastive_loss()
    {
        torch.random.manual_seed(3);
        var data = SyntheticData.Create(images: 64, clips: 48, classes: 4, seed: 3);
        var options = new TrainingOptions { Seed = 3, Shape = Tiny, BatchSize = 32, MaxSteps = 60, WarmupSteps = 5, LearningRate = 2e-3, EvaluateEvery = 60 };
        using var model = new ContrastiveModel(Tiny);

        var result = new ContrastiveTrainer(options, NullLogger.Instance).Train(model, data, selection: null, torch.CPU);

        Assert.Equal(60, result.Steps);
        Assert.True(result.LastLoss < result.FirstLoss * 0.6, $"loss did not fall enough: {result.FirstLoss:F3} -> {result.LastLoss:F3}");
    }

    [Fact]
    public void Every_head_returns_unit_length_embeddings_of_the_configured_dimension()
    {
        torch.random.manual_seed(4);
        var data = SyntheticData.Create(images: 8, clips: 8, classes: 2, seed: 4);
        using var model = new ContrastiveModel(Tiny);

        var images = HeadRunner.Images(model, data.ImageFeatures, torch.CPU);
        var clips = HeadRunner.Audio(model, data.Audio, [0, 1, 2, 3], torch.CPU);
        var texts = HeadRunner.Texts(model, data.Texts, [0, 1, 2], torch.CPU);

        foreach (var embeddings in new[] { images, clips, texts })
        {
            Assert.Equal(Tiny.Dimension, embeddings.Width);
            for (var row = 0; row < embeddings.Rows; row++)
            {
                var norm = Math.Sqrt(embeddings.Row(row).ToArray().Sum(v => (double)v * v));
                Assert.InRange(norm, 0.9999, 1.0001);
            }
        }
    }
}
