using SearchEngine.Training.Features;
using SearchEngine.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchEngine.Training.Training;

/// <summary>Runs the heads in evaluation mode over whole sets, in batches, and returns the embeddings on the CPU.</summary>
public static class HeadRunner
{
    private const int BatchSize = 512;

    /// <summary>Embeds image features [M, 1280].</summary>
    public static FeatureMatrix Images(ContrastiveModel model, Tensor features, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        return Run(model, (int)features.shape[0], (start, count) =>
        {
            using var batch = features.narrow(0, start, count).to(device);
            return model.Image.forward(batch);
        });
    }

    /// <summary>Embeds texts <paramref name="textIds"/> of <paramref name="texts"/>.</summary>
    public static FeatureMatrix Texts(ContrastiveModel model, SentenceBank texts, IReadOnlyList<int> textIds, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(textIds);
        return Run(model, textIds.Count, (start, count) =>
        {
            using var vectors = texts.Batch([.. textIds.Skip(start).Take(count)]);
            return model.Text.forward(vectors.to(device));
        });
    }

    /// <summary>Embeds clips <paramref name="indices"/> of <paramref name="audio"/>.</summary>
    public static FeatureMatrix Audio(ContrastiveModel model, AudioBank audio, IReadOnlyList<int> indices, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(indices);
        return Run(model, indices.Count, (start, count) =>
        {
            var (patches, mask) = audio.Batch(indices.Skip(start).Take(count).ToList());
            using (patches)
            using (mask)
            {
                return model.Audio.forward(patches.to(device), mask.to(device));
            }
        });
    }

    private static FeatureMatrix Run(ContrastiveModel model, int rows, Func<int, int, Tensor> embed)
    {
        var dimension = model.Shape.Dimension;
        var values = new float[rows * dimension];
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < rows; start += BatchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(BatchSize, rows - start);
                var output = embed(start, count).cpu();
                output.data<float>().ToArray().CopyTo(values, start * dimension);
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return new FeatureMatrix(rows, dimension, values);
    }
}
