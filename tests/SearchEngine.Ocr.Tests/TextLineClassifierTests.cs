using SearchEngine.Ocr.Detection;

namespace SearchEngine.Ocr.Tests;

public class TextLineClassifierTests
{
    private static readonly double Threshold = new TextDetectionOptions().MinLineScore;

    [Fact]
    public void A_tidy_row_of_letters_in_one_ink_on_a_plain_ground_is_text()
    {
        // Six 18×30 letters a stroke of 4 apart by 25, black on a light ground: what a sign's word looks like.
        var row = Enumerable.Range(0, 6)
            .Select(i => new Glyph(10 + (25 * i), 100, 27 + (25 * i), 129, 190, 4, 30, 95, 6, 220, 5))
            .ToArray();

        var score = TextLineClassifier.Score(LineFeatures.Of(row, others: 0));

        Assert.True(score > 0.9, $"score {score}");
    }

    [Fact]
    public void A_ragged_chain_of_shaded_blobs_among_others_is_not_text()
    {
        // Three blobs of unequal size, stroke and shade, shallow in their busy surroundings, with more detail around: foliage.
        Glyph[] blobs =
        [
            new(10, 100, 30, 129, 300, 3, 80, 40, 22, 110, 25),
            new(34, 92, 60, 136, 500, 7, 100, 38, 25, 120, 28),
            new(64, 104, 84, 128, 250, 5, 60, 42, 20, 100, 24),
        ];

        var score = TextLineClassifier.Score(LineFeatures.Of(blobs, others: 6));

        Assert.True(score < Threshold / 4, $"score {score}");
    }

    [Fact]
    public void Letters_that_stand_out_further_score_higher()
    {
        double ScoreAt(float depth) => TextLineClassifier.Score(LineFeatures.Of(
            Enumerable.Range(0, 4).Select(i => new Glyph(10 + (25 * i), 100, 27 + (25 * i), 129, 190, 4, 90, depth, 10, 90 + (2 * depth), 12)).ToArray(),
            others: 1));

        Assert.True(ScoreAt(40) < ScoreAt(70), $"{ScoreAt(40)} vs {ScoreAt(70)}");
        Assert.True(ScoreAt(70) < ScoreAt(100), $"{ScoreAt(70)} vs {ScoreAt(100)}");
    }
}
