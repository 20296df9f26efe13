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
    public void Word_adaptation_moves_exactly_the_adopted_words_by_their_offsets()
    {
        random.manual_seed(22);
        using var adaptation = new WordAdaptation("adaptation", BackboneWidths.WordVector, capacity: 3);
        using var vocabulary = randn(5, BackboneWidths.WordVector);
        using var unseen = randn(1, BackboneWidths.WordVector);

        Assert.Equal([0, 1, 2], adaptation.Adopt(vocabulary));
        using (no_grad())
        {
            adaptation.Offsets.copy_(ones(3, BackboneWidths.WordVector));
        }

        using var words = cat([vocabulary.narrow(0, 0, 4), unseen]).unsqueeze(0);
        using var adapted = adaptation.forward(words).squeeze(0);
        using var shift = (adapted - words.squeeze(0)).mean([1]);

        Assert.Equal([1f, 1f, 1f, 0f, 0f], shift.data<float>().ToArray().Select(v => MathF.Round(v, 4)));
    }

    [Fact]
    public void The_text_bank_names_the_same_adopted_words_as_the_lookup_by_distance()
    {
        random.manual_seed(23);
        var vocabulary = new[] { "a", "dog", "cat", "runs", "the" }
            .Select((word, i) => (word, vector: Enumerable.Range(0, BackboneWidths.WordVector).Select(d => MathF.Sin(7 * i + d)).ToArray()))
            .ToDictionary(p => p.word, p => p.vector);
        var bank = new TextBank(text =>
        {
            var words = text.Split(' ');
            return new FeatureMatrix(words.Length, BackboneWidths.WordVector, [.. words.SelectMany(w => vocabulary[w])]);
        }, maxWords: 8);
        int[] ids = [bank.Add("a dog runs"), bank.Add("a cat runs"), bank.Add("the dog")];
        using var adaptation = new WordAdaptation("adaptation", BackboneWidths.WordVector, capacity: 10);

        var (frequent, keys) = bank.FrequentWords(ids, minimumCount: 2);
        using (frequent)
        {
            Assert.Equal(3, keys.Length); // a, dog, runs
            bank.AdoptWords([.. adaptation.Adopt(frequent).Select(row => keys[row])]);
        }

        var (vectors, mask) = bank.Batch(ids);
        using (vectors)
        using (mask)
        using (var fromBank = bank.WordIndex(ids, vectors.shape[1])!)
        using (var byDistance = adaptation.Lookup(vectors))
        {
            Assert.Equal(byDistance.data<long>().ToArray(), fromBank.data<long>().ToArray());
            Assert.Equal(6, fromBank.ge(0L).sum().item<long>()); // every word but "cat" and "the"
        }
    }
}
