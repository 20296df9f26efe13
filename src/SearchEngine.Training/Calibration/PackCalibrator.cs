using System.Globalization;
using Microsoft.Extensions.Logging;
using SearchEngine.Core;
using SearchEngine.Embeddings.Calibration;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Towers;
using SearchEngine.Training.Data;
using SearchEngine.Training.Evaluation;
using SearchEngine.Training.Features;

namespace SearchEngine.Training.Calibration;

/// <summary>
/// Fits a pack's <c>calibration.json</c>: embeds the development data with the pack's own towers (decoded and windowed
/// as the indexer does), scores every query–item pair of each direction the pack's towers allow the way the query API
/// scores a hit (cosine of the document's best segment), fits similarity → P(relevant) per direction, checks it by
/// cross-fitting, and writes the file beside <c>pack.json</c>.
/// </summary>
public sealed class PackCalibrator(SharedData shared, int threads, ILogger logger, IEnumerable<ITowerFactory>? extraFactories = null)
{
    /// <summary>How the close-match threshold is chosen (written into the file).</summary>
    public const string CloseMatchRule =
        "The highest relevance that, in every calibrated direction, at least 95 % of the development queries whose best hit " +
        "was relevant reach (cross-fitted), rounded down to two significant digits: below it the page says \"no close match\" " +
        "and keeps the results behind \"show anyway\", hiding a right answer in no direction more than 5 % of the time.";

    /// <summary>
    /// The share of a collection's items assumed relevant to a query, for every direction: one in a hundred, the size of
    /// the candidate set the query pipeline reranks. The development sets' own rates say more about the datasets than
    /// about collections: Flickr8k marks one photo in 1,000 relevant to a caption (and none of the look-alikes a person
    /// would accept), UrbanSound8K one clip in ten to a class sentence (every query is one of ten classes that cover
    /// every clip, which no open collection does). At their own rates the same evidence would read 100 times weaker for
    /// photos than for sounds, and one threshold could not mean the same for both.
    /// </summary>
    public const double ReferenceBaseRate = 0.01;

    /// <summary>What the probability means (written into the file).</summary>
    public const string RelevanceDefinition =
        "Estimated probability that a hit is a correct match for the query, for a query to which one item in 100 of the " +
        "collection is relevant (referenceBaseRate). Correct is what the pack's development data says: for text→image the " +
        "photo the caption was written for, for image→text one of the photo's five captions, for text→text another caption " +
        "of the same photo (Flickr8k dev); for sounds a clip or class sentence of the same UrbanSound8K class (fold-2 " +
        "held-out slice). Each map is fitted at its data's own base rate (1 in 1,000 photos per caption, about 1 in 10 clips " +
        "per class) and moved to the reference rate by Bayes' rule: the score's likelihood ratio is kept, the prior replaced. " +
        "Where a collection holds more relevant items per query than 1 in 100, hits are more often relevant than stated, " +
        "and less often where it holds fewer.";

    /// <summary>How the maps were fitted and checked (written into the file).</summary>
    public const string MethodDescription =
        "Isotonic regression (pool-adjacent-violators) of relevant / not relevant over the similarity the query API ranks by " +
        "and returns as score (cosine of the document's best segment), with pairs counted in 0.001 score bins; each block's " +
        "rate shrunk by the Jeffreys prior, (k + 0.5) / (n + 1), and made monotone again; knots joined by straight lines, " +
        "flat beyond the ends. Checked by 2-fold cross-fitting: each half of the pairs scored by the map fitted on the other.";

    /// <summary>How uncalibrated directions are scored (written into the file).</summary>
    public const string FallbackDescription =
        "Directions with no development labels (image→image, image↔audio, a query that mixes towers such as text with an " +
        "example file or a document with segments of several towers) use the pointwise minimum of the fitted maps, so they " +
        "never claim more than any measured direction would for the same score.";

    /// <summary>Fits, checks and writes the calibration of the pack in <paramref name="packFolder"/>.</summary>
    public async Task<CalibrationDocument> RunAsync(string packFolder, CancellationToken cancellationToken = default)
    {
        var factories = OfflinePack.TowerFactories.Concat(extraFactories ?? []).GroupBy(f => f.Type).Select(g => g.First());
        using var pack = new ModelPackLoader(factories, shared: shared).Load(packFolder);
        var data = CalibrationData.For(shared, packFolder);
        logger.LogInformation("calibrating pack '{Id}' on {Images} Flickr8k dev images and {Clips} UrbanSound8K held-out clips ({Source})",
            pack.Id, data.Images.Count, data.Clips.Count, data.Source);

        var fits = new List<(DevPairs Pairs, DirectionScores Scores, RelevanceCurve Curve, CrossFit Check)>();
        foreach (var pairs in await DevPairsAsync(pack, data, cancellationToken))
        {
            var scores = DirectionScores.Measure(pairs, threads);
            var curve = RelevanceFit.Fit(scores.All);
            fits.Add((pairs, scores, curve, CrossFitCheck.Run(scores, ReferenceBaseRate)));
            var served = curve.Rebased((double)scores.All.Relevant / scores.All.Pairs, ReferenceBaseRate);
            logger.LogInformation("{Direction}: {Pairs} pairs, {Relevant} relevant, {Knots} knots; score at relevance 0.5: {Half}",
                pairs.Direction.Name, scores.All.Pairs, scores.All.Relevant, curve.Scores.Count, served.ScoreFor(0.5)?.ToString("F3", CultureInfo.InvariantCulture) ?? "never");
        }

        if (fits.Count == 0)
        {
            throw new InvalidOperationException($"Pack '{pack.Id}' has no pair of towers with development data (text with image or audio, or audio alone); there is nothing to calibrate.");
        }

        var closeMatch = CrossFitCheck.ChooseCloseMatch(fits.Select(f => f.Check));
        var directions = fits.ToDictionary(
            f => f.Pairs.Direction.Name,
            f => new DirectionCalibration(
                f.Pairs.Data, f.Pairs.Queries.Rows, f.Pairs.Items.Count, f.Scores.All.Pairs, f.Scores.All.Relevant,
                [.. f.Curve.Scores.Select(s => MathF.Round(s, 4))], [.. f.Curve.Relevance.Select(r => Math.Round(r, 6))],
                f.Check.ToCheck(f.Pairs.Folds, closeMatch)),
            StringComparer.Ordinal);
        var document = new CalibrationDocument(PackCalibration.FormatVersion, pack.Id, pack.Fingerprint, DateTimeOffset.UtcNow,
            RelevanceDefinition, ReferenceBaseRate, MethodDescription, FallbackDescription, closeMatch, CloseMatchRule, directions);
        var path = PackCalibrationFile.Write(document, packFolder);
        logger.LogInformation("wrote {Path}", path);
        return document;
    }

    private async Task<List<DevPairs>> DevPairsAsync(ModelPack pack, CalibrationData data, CancellationToken cancellationToken)
    {
        var encoders = new TowerEncoders(pack, shared, threads);
        var directions = new List<DevPairs>();
        if (pack.Text is not null)
        {
            var captions = await encoders.EmbedTextsAsync([.. data.Images.SelectMany(i => i.Captions)], cancellationToken);
            var captionImage = data.Images.SelectMany((image, index) => image.Captions.Select(_ => index)).ToArray();
            const string flickr = "Flickr8k dev";
            const string byPhoto = "by photo (even / odd index in the dev split)";
            directions.Add(new DevPairs(ScoreDirection.TextToText,
                $"{flickr}: each of {captions.Rows:N0} captions against the other captions; the other captions of the same photo are relevant",
                byPhoto, captions, SegmentedItems.OnePerRow(captions),
                (q, i) => captionImage[q] == captionImage[i], (q, i) => q == i, (q, _) => captionImage[q] % 2));

            if (pack.Image is not null)
            {
                var images = await encoders.EmbedImagesAsync([.. data.Images.Select(i => i.RelativePath)], cancellationToken);
                logger.LogInformation("embedded {Images} dev images and {Captions} captions", images.Rows, captions.Rows);
                directions.Add(new DevPairs(ScoreDirection.TextToImage,
                    $"{flickr}: {captions.Rows:N0} captions against {images.Rows:N0} photos; the photo a caption was written for is relevant",
                    byPhoto, captions, SegmentedItems.OnePerRow(images),
                    (q, i) => captionImage[q] == i, (_, _) => false, (q, _) => captionImage[q] % 2));
                directions.Add(new DevPairs(ScoreDirection.ImageToText,
                    $"{flickr}: {images.Rows:N0} photos against {captions.Rows:N0} captions; the photo's own five captions are relevant",
                    byPhoto, images, SegmentedItems.OnePerRow(captions),
                    (q, i) => captionImage[i] == q, (_, _) => false, (q, _) => q % 2));
            }
        }

        if (pack.Audio is not null)
        {
            var windows = await encoders.EmbedAudioWindowsAsync([.. data.Clips.Select(c => c.RelativePath)], cancellationToken);
            var clipQueries = Stack(windows.Select(TowerEncoders.MeanOfWindows).ToList());
            var clipItems = SegmentedItems.FromGroups(windows);
            var clipClass = data.Clips.Select(c => c.ClassId).ToArray();
            // Halves by recording (freesound id), so slices of one recording never sit on both sides of the check.
            var sources = data.Clips.Select(c => c.SourceId).Distinct().Order(StringComparer.Ordinal).ToList();
            var clipFold = data.Clips.Select(c => sources.IndexOf(c.SourceId) % 2).ToArray();
            const string us8k = "UrbanSound8K fold-2 held-out slice";
            const string byRecording = "by recording (alternate freesound ids)";
            logger.LogInformation("embedded {Clips} held-out clips ({Windows} windows)", windows.Count, clipItems.Segments.Rows);
            directions.Add(new DevPairs(ScoreDirection.AudioToAudio,
                $"{us8k}: each of {clipQueries.Rows:N0} clips (mean of its windows, as an uploaded example) against the other clips (best window); clips of the same class are relevant",
                byRecording, clipQueries, clipItems,
                (q, i) => clipClass[q] == clipClass[i], (q, i) => q == i, (q, _) => clipFold[q]));

            if (pack.Text is not null)
            {
                // The class phrasings training used (selection asks with the first of each); the evaluation sentences stay unseen.
                var phrasings = SoundCaptions.UrbanSoundPhrasings.SelectMany((p, c) => p.Select(text => (Text: text, Class: c))).ToList();
                var sentences = await encoders.EmbedTextsAsync([.. phrasings.Select(p => p.Text)], cancellationToken);
                var sentenceClass = phrasings.Select(p => p.Class).ToArray();
                directions.Add(new DevPairs(ScoreDirection.TextToAudio,
                    $"{us8k}: the {sentences.Rows} class phrasings of training against {clipItems.Count:N0} clips (best window); clips of the sentence's class are relevant",
                    byRecording, sentences, clipItems,
                    (q, i) => sentenceClass[q] == clipClass[i], (_, _) => false, (_, i) => clipFold[i]));
                directions.Add(new DevPairs(ScoreDirection.AudioToText,
                    $"{us8k}: {clipQueries.Rows:N0} clips (mean of windows) against the {sentences.Rows} class phrasings; the clip's class's phrasings are relevant",
                    byRecording, clipQueries, SegmentedItems.OnePerRow(sentences),
                    (q, i) => clipClass[q] == sentenceClass[i], (_, _) => false, (q, _) => clipFold[q]));
            }
        }

        return directions;
    }

    private static FeatureMatrix Stack(IReadOnlyList<float[]> rows)
    {
        var width = rows.Count == 0 ? 0 : rows[0].Length;
        var values = new float[rows.Count * width];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].CopyTo(values, i * width);
        }

        return new FeatureMatrix(rows.Count, width, values);
    }
}
