using SearchEngine.Training.Features;
using SearchEngine.Training.Model;
using SearchEngine.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchEngine.Training.Tests;

/// <summary>The pieces of the training recipe beside the heads: caption epochs, the hard-negative loss, feature standardization.</summary>
public sealed class RecipePartsTests
{
    [Fact]
    public void A_pair_schedule_visits_every_caption_of_every_entry_once_per_epoch()
    {
        var set = new CaptionedSet([0, 1, 2], [
            [new CaptionRef(10, 0), new CaptionRef(11, 0)],
            [new CaptionRef(20, 1)],
            [new CaptionRef(30, 2), new CaptionRef(31, 2), new CaptionRef(32, 2)],
        ]);
        var schedule = new PairSchedule(set, new Random(5));

        var epoch = schedule.Next(4).Concat(schedule.Next(2)).ToList();
        var next = schedule.Next(6);

        var expected = new[] { (0, 0), (0, 1), (1, 0), (2, 0), (2, 1), (2, 2) };
        Assert.Equal(expected, epoch.Order());
        Assert.Equal(expected, next.Order());
    }

    [Fact]
    public void The_hard_negative_hinge_adds_nothing_once_every_negative_is_beyond_the_margin_and_something_otherwise()
    {
        using var scale = tensor(10f);
        using var groups = tensor(new long[] { 0, 1, 2 });
        using var separated = eye(3);
        using var confusable = nn.functional.normalize(tensor(new float[,] { { 1f, 0.9f, 0f }, { 0.9f, 1f, 0f }, { 0f, 0f, 1f } }), 2.0, 1);

        using var plain = ContrastiveLoss.Compute(separated, separated, groups, scale);
        using var withHinge = ContrastiveLoss.Compute(separated, separated, groups, scale, hardNegativeWeight: 1, margin: 0.2);
        using var confusablePlain = ContrastiveLoss.Compute(confusable, confusable, groups, scale);
        using var confusableHinge = ContrastiveLoss.Compute(confusable, confusable, groups, scale, hardNegativeWeight: 1, margin: 0.2);

        Assert.Equal(plain.item<float>(), withHinge.item<float>(), 5);
        Assert.True(confusableHinge.item<float>() > confusablePlain.item<float>() + 0.1f);
    }

    [Fact]
    public void Standardized_image_features_have_zero_mean_and_unit_spread_on_the_training_images()
    {
        random.manual_seed(21);
        using var model = new ContrastiveModel(new HeadShape { StandardizeImageFeatures = true });
        using var features = rand(200, BackboneWidths.ImageFeatures) * 5 + 3;

        model.Image.Standardize(features);

        using var standardized = (features - model.Image.FeatureMean) * model.Image.FeatureScale;
        Assert.True(standardized.mean([0]).abs().max().item<float>() < 1e-3f);
        Assert.InRange(standardized.std(0).mean().item<float>(), 0.99f, 1.01f);
    }

    [Fact]
    public void The_sentence_bank_encodes_each_text_once_and_reads_the_rest_from_its_cache()
    {
        var cache = FeatureCache.Open(Path.Combine(Path.GetTempPath(), $"searchengine-sentences-{Guid.NewGuid():N}.f16"), BackboneWidths.Sentence);
        var encoded = new List<string>();
        float[][] Encode(IReadOnlyList<string> texts)
        {
            encoded.AddRange(texts);
            return [.. texts.Select(t => Enumerable.Range(0, BackboneWidths.Sentence).Select(d => MathF.Sin(t.Length + d)).ToArray())];
        }

        var bank = new SentenceBank();
        int[] ids = [bank.Add("a dog runs"), bank.Add("a cat"), bank.Add("a dog runs")];
        bank.Encode(Encode, cache);
        Assert.Equal(ids[0], ids[2]);
        Assert.Equal(["a dog runs", "a cat"], encoded);

        var again = new SentenceBank();
        again.Add("a cat");
        again.Add("the bird");
        again.Encode(Encode, FeatureCache.Open(cache.Path, BackboneWidths.Sentence));
        Assert.Equal(["a dog runs", "a cat", "the bird"], encoded);

        using var batch = bank.Batch(ids);
        Assert.Equal([3L, BackboneWidths.Sentence], batch.shape);
        Assert.Equal(MathF.Sin(10), batch[0, 0].item<float>(), 5);
        Assert.Equal(MathF.Sin(5 + 1), batch[1, 1].item<float>(), 5);
    }
}
