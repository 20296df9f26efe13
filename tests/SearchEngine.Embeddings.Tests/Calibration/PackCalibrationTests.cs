using SearchEngine.Core;
using SearchEngine.Embeddings.Calibration;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Tests.Fixtures;

namespace SearchEngine.Embeddings.Tests.Calibration;

/// <summary>Relevance curves, calibration.json, and how a pack loads (or ignores) its calibration.</summary>
public sealed class PackCalibrationTests
{
    private static readonly RelevanceCurve Rising = new([0.1f, 0.3f, 0.5f], [0.0, 0.2, 0.8]);

    [Fact]
    public void A_curve_interpolates_between_knots_and_is_flat_beyond_them()
    {
        Assert.Equal(0.0, Rising.At(-1f));
        Assert.Equal(0.1, Rising.At(0.2f), 6);
        Assert.Equal(0.5, Rising.At(0.4f), 6);
        Assert.Equal(0.8, Rising.At(0.5f));
        Assert.Equal(0.8, Rising.At(1f));
        Assert.Equal(0.0, Rising.At(float.NaN));
    }

    [Fact]
    public void The_score_for_a_relevance_inverts_the_curve_and_is_null_when_it_is_never_reached()
    {
        Assert.Equal(0.4f, Rising.ScoreFor(0.5)!.Value, 5);
        Assert.Equal(0.5f, Rising.ScoreFor(0.8)!.Value, 5);
        Assert.Null(Rising.ScoreFor(0.9));
        Assert.Equal(0.1f, Rising.ScoreFor(0)!.Value);
    }

    [Fact]
    public void A_curve_that_falls_or_leaves_zero_to_one_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new RelevanceCurve([0.1f, 0.2f], [0.5, 0.4]));
        Assert.Throws<ArgumentException>(() => new RelevanceCurve([0.1f, 0.2f], [0.5, 1.2]));
        Assert.Throws<ArgumentException>(() => new RelevanceCurve([0.2f, 0.1f], [0.1, 0.2]));
        Assert.Throws<ArgumentException>(() => new RelevanceCurve([], []));
    }

    [Fact]
    public void The_lower_envelope_is_the_pointwise_minimum_and_stays_monotone()
    {
        var steep = new RelevanceCurve([0.2f, 0.4f], [0.0, 1.0]);
        var gentle = new RelevanceCurve([0.0f, 1.0f], [0.2, 0.6]);
        var envelope = RelevanceCurve.LowerEnvelope([steep, gentle]);

        for (var score = -0.5f; score <= 1.5f; score += 0.01f)
        {
            Assert.Equal(Math.Min(steep.At(score), gentle.At(score)), envelope.At(score), 6);
        }
    }

    [Fact]
    public void Calibration_json_round_trips_and_unknown_directions_use_the_fallback()
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-calibration-").FullName;
        try
        {
            var document = Document("abc");
            PackCalibrationFile.Write(document, folder);
            var loaded = PackCalibrationFile.TryLoad(folder, "abc", out var problem);

            Assert.Null(problem);
            Assert.NotNull(loaded);
            Assert.Equal(document.CloseMatch, loaded.Document.CloseMatch);
            Assert.Equal(document.Directions.Keys.Order(), loaded.Document.Directions.Keys.Order());
            Assert.Equal(document.Directions["text_to_image"].Scores, loaded.Document.Directions["text_to_image"].Scores);
            Assert.Equal(document.Directions["text_to_image"].Check!.Bins, loaded.Document.Directions["text_to_image"].Check!.Bins);
            Assert.Equal(0.5, loaded.Relevance(Modality.Text, Modality.Image, 0.4f), 6);
            // image→image has no map of its own, nor has a query that mixes towers: both take the lower envelope.
            Assert.Equal(loaded.Fallback.At(0.4f), loaded.Relevance(Modality.Image, Modality.Image, 0.4f));
            Assert.Equal(loaded.Fallback.At(0.4f), loaded.Relevance(null, Modality.Audio, 0.4f));
            Assert.True(loaded.Fallback.At(0.4f) <= loaded.Relevance(Modality.Audio, Modality.Audio, 0.4f));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_pack_loads_its_calibration_which_does_not_change_its_fingerprint()
    {
        using var pack = new TestPack(withText: false);
        string before;
        using (var plain = pack.Load())
        {
            Assert.Null(plain.Calibration);
            Assert.Null(plain.CalibrationProblem);
            before = plain.Fingerprint;
        }

        PackCalibrationFile.Write(Document(before), pack.Folder);
        using var calibrated = pack.Load();

        Assert.Equal(before, calibrated.Fingerprint);
        Assert.NotNull(calibrated.Calibration);
        Assert.Null(calibrated.CalibrationProblem);
    }

    [Fact]
    public void A_calibration_fitted_for_another_build_or_unreadable_is_ignored_with_the_reason()
    {
        using var pack = new TestPack(withText: false);
        PackCalibrationFile.Write(Document(new string('0', 64)), pack.Folder);
        using (var stale = pack.Load())
        {
            Assert.Null(stale.Calibration);
            Assert.Contains("another build", stale.CalibrationProblem, StringComparison.Ordinal);
            Assert.Contains("pack calibrate", stale.CalibrationProblem, StringComparison.Ordinal);
        }

        File.WriteAllText(PackCalibrationFile.PathIn(pack.Folder), "{ \"format\": 1, \"directions\": ");
        using var broken = pack.Load();
        Assert.Null(broken.Calibration);
        Assert.Contains(PackCalibration.FileName, broken.CalibrationProblem, StringComparison.Ordinal);
    }

    private static CalibrationDocument Document(string fingerprint)
    {
        var check = new CalibrationCheck("halves", 0.01, [new ReliabilityBin(0, 0.5, 10, 0.2, 0.25), new ReliabilityBin(0.5, 1, 3, 0.7, 0.66)],
            new TopHitCheck(5, 0.4, 0.4, 0.1, 0.2, 0.8, 0.5, 0.0));
        return new CalibrationDocument(PackCalibration.FormatVersion, "offline-test", fingerprint, DateTimeOffset.UnixEpoch,
            "test relevance", 0.2, "test method", "test fallback", 0.2, "test rule",
            new Dictionary<string, DirectionCalibration>
            {
                ["text_to_image"] = new("synthetic", 5, 4, 20, 4, [0.1f, 0.3f, 0.5f], [0.0, 0.2, 0.8], check),
                ["audio_to_audio"] = new("synthetic", 5, 4, 20, 4, [0.0f, 0.2f], [0.1, 0.9]),
            });
    }
}
