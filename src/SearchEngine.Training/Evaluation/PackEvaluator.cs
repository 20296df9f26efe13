using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SearchEngine.Core;
using SearchEngine.Training.Data;

namespace SearchEngine.Training.Evaluation;

/// <summary>
/// Measures a pack on the held-out benchmarks: Flickr8k 1k test (text↔image recall), UrbanSound8K fold 1 (text→audio
/// mAP, audio→audio precision) and zero-shot ImageNet labels. The same numbers come out for any pack, so packs compare.
/// </summary>
public sealed class PackEvaluator(SharedData shared, ILogger logger)
{
    /// <summary>The zero-shot prompt for an ImageNet class.</summary>
    public static string Prompt(string className) => $"a photo of a {className}";

    /// <summary>
    /// Evaluates <paramref name="encoders"/>. <paramref name="imageLabels"/> gives, per Flickr8k test image (relative
    /// path), MobileNetV2's top-1 ImageNet class index, the label of the zero-shot check.
    /// </summary>
    public async Task<EvaluationReport> RunAsync(IRetrievalEncoders encoders, IReadOnlyDictionary<string, int> imageLabels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoders);
        ArgumentNullException.ThrowIfNull(imageLabels);
        var clock = Stopwatch.StartNew();

        var test = Flickr8k.Load(shared).Split(Flickr8kSplit.Test);
        var images = await encoders.EmbedImagesAsync([.. test.Select(i => i.RelativePath)], cancellationToken);
        var captionTexts = test.SelectMany(i => i.Captions).ToList();
        var captionImages = test.SelectMany((image, index) => image.Captions.Select(_ => (long)index)).ToList();
        var captions = await encoders.EmbedTextsAsync(captionTexts, cancellationToken);
        var imageIds = Enumerable.Range(0, test.Count).Select(i => (long)i).ToList();
        var t2i = RetrievalMetrics.Recall(RetrievalMetrics.FirstRelevantRanks(captions, images, captionImages, imageIds));
        var i2t = RetrievalMetrics.Recall(RetrievalMetrics.FirstRelevantRanks(images, captions, imageIds, captionImages));
        logger.LogInformation("flickr8k test done ({Seconds:F0} s)", clock.Elapsed.TotalSeconds);

        var fold = UrbanSound8k.Load(shared).Fold(UrbanSound8k.EvaluationFold);
        var clips = await encoders.EmbedAudioAsync([.. fold.Select(c => c.RelativePath)], cancellationToken);
        var labels = fold.Select(c => (long)c.ClassId).ToList();
        var queries = await encoders.EmbedTextsAsync(SoundCaptions.UrbanSoundQueries, cancellationToken);
        var classIds = Enumerable.Range(0, queries.Rows).Select(i => (long)i).ToList();
        var map = RetrievalMetrics.MeanAveragePrecision(queries, classIds, clips, labels);
        var p1 = RetrievalMetrics.PrecisionAtK(clips, labels, 1);
        var p10 = RetrievalMetrics.PrecisionAtK(clips, labels, 10);
        logger.LogInformation("urbansound8k fold 1 done ({Seconds:F0} s)", clock.Elapsed.TotalSeconds);

        var classNames = File.ReadAllLines(shared.Require("models/mobilenetv2/imagenet_classes.txt")).Where(l => l.Length > 0).ToList();
        var prompts = await encoders.EmbedTextsAsync([.. classNames.Select(Prompt)], cancellationToken);
        // Two names appear twice (missile, sunglasses): a prompt is right when its class name is the label's name.
        var promptGroups = classNames.Select(name => (long)classNames.IndexOf(name)).ToList();
        var labelled = Enumerable.Range(0, test.Count).Where(i => imageLabels.ContainsKey(test[i].RelativePath)).ToList();
        var imageGroups = labelled.Select(i => (long)classNames.IndexOf(classNames[imageLabels[test[i].RelativePath]])).ToList();
        var labelledImages = new Features.FeatureMatrix(labelled.Count, images.Width,
            [.. labelled.SelectMany(i => images.Row(i).ToArray())]);
        var zeroShotRanks = RetrievalMetrics.FirstRelevantRanks(labelledImages, prompts, imageGroups, promptGroups);
        var zeroShot = RetrievalMetrics.Recall(zeroShotRanks);

        var sample = ImagenetSample.Load(shared);
        var photos = await encoders.EmbedImagesAsync([.. sample.Select(p => p.RelativePath)], cancellationToken);
        var samplePrompts = await encoders.EmbedTextsAsync([.. sample.Select(p => Prompt(p.ClassName))], cancellationToken);
        var photoClasses = sample.Select(p => (long)p.ClassIndex).ToList();
        var sampleRecall = RetrievalMetrics.Recall(RetrievalMetrics.FirstRelevantRanks(samplePrompts, photos, photoClasses, photoClasses));
        var learnedRecall = encoders.LearnedWidth is { } learned
            ? RetrievalMetrics.Recall(RetrievalMetrics.FirstRelevantRanks(LearnedPart(samplePrompts, learned), LearnedPart(photos, learned), photoClasses, photoClasses))
            : sampleRecall;
        var sampleFigures = new ImagenetSampleFigures(sample.Count, Top(sampleRecall), Top(learnedRecall));

        var mapped = Enumerable.Range(0, fold.Count).Where(i => SoundToPictureMapping.ByUrbanSoundClass.ContainsKey(fold[i].ClassName)).ToList();
        var soundQueries = new Features.FeatureMatrix(mapped.Count, clips.Width, [.. mapped.SelectMany(i => clips.Row(i).ToArray())]);
        var soundGroups = mapped.Select(i => (long)SoundToPictureMapping.ByUrbanSoundClass[fold[i].ClassName].Group).ToList();
        var photoGroups = sample.Select(p => SoundToPictureMapping.GroupOf(p.ClassIndex)).ToList();
        var soundToPicture = new SoundToPictureFigures(mapped.Count, sample.Count,
            Math.Round(RetrievalMetrics.MeanAveragePrecision(soundQueries, soundGroups, photos, photoGroups), 4),
            Math.Round(RetrievalMetrics.PrecisionAtK(soundQueries, soundGroups, photos, photoGroups, 10), 4));
        logger.LogInformation("imagenet sample done ({Seconds:F0} s)", clock.Elapsed.TotalSeconds);

        return new EvaluationReport(
            encoders.Name,
            new Flickr8kFigures(test.Count, captionTexts.Count, RecallFigures.From(t2i), RecallFigures.From(i2t)),
            new UrbanSoundFigures(fold.Count, Math.Round(map, 4), Math.Round(p1, 4), Math.Round(p10, 4)),
            new ZeroShotFigures(labelled.Count, Math.Round(zeroShot.R1, 2), Math.Round(zeroShot.R5, 2)),
            sampleFigures,
            soundToPicture,
            await TextEncodeMedianAsync(encoders, captionTexts.Take(200).ToList(), cancellationToken),
            Math.Round(clock.Elapsed.TotalSeconds, 1));
    }

    // The learned part of [learned ‖ concept] vectors, renormalized: the learned space as if it were the whole vector.
    private static Features.FeatureMatrix LearnedPart(Features.FeatureMatrix vectors, int width)
    {
        var values = new float[vectors.Rows * width];
        for (var r = 0; r < vectors.Rows; r++)
        {
            Embeddings.Inference.VectorNormalization.ToUnit(vectors.Row(r)[..width]).CopyTo(values, r * width);
        }

        return new Features.FeatureMatrix(vectors.Rows, width, values);
    }

    private static TopRecall Top(RecallAtK recall) => new(Math.Round(recall.R1, 2), Math.Round(recall.R5, 2));

    // One query per call, as the query API embeds them; the first calls warm the tower up and are not counted.
    private static async Task<double> TextEncodeMedianAsync(IRetrievalEncoders encoders, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        foreach (var text in texts.Take(20))
        {
            await encoders.EmbedTextsAsync([text], cancellationToken);
        }

        var milliseconds = new List<double>(texts.Count);
        foreach (var text in texts)
        {
            var start = Stopwatch.GetTimestamp();
            await encoders.EmbedTextsAsync([text], cancellationToken);
            milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        milliseconds.Sort();
        return Math.Round(milliseconds[milliseconds.Count / 2], 3);
    }

    /// <summary>A readable table of <paramref name="report"/>.</summary>
    public static string Table(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var f = report.Flickr8kTest;
        var u = report.Us8kFold1;
        var z = report.ImagenetZeroshot;
        var text = new StringBuilder();
        text.AppendLine($"pack: {report.Pack}");
        text.AppendLine("| benchmark | metric | value |");
        text.AppendLine("|---|---|---|");
        text.AppendLine($"| flickr8k test ({f.Images} images, {f.Captions} captions) | text→image R@1 / R@5 / R@10 | {f.T2i.R1:F1} / {f.T2i.R5:F1} / {f.T2i.R10:F1} |");
        text.AppendLine($"| | text→image median rank | {f.T2i.MedianRank} |");
        text.AppendLine($"| | image→text R@1 / R@5 / R@10 | {f.I2t.R1:F1} / {f.I2t.R5:F1} / {f.I2t.R10:F1} |");
        text.AppendLine($"| | image→text median rank | {f.I2t.MedianRank} |");
        text.AppendLine($"| urbansound8k fold 1 ({u.Clips} clips) | text→audio mAP | {u.T2aMap:F3} |");
        text.AppendLine($"| | audio→audio P@1 / P@10 | {u.A2aP1:F3} / {u.A2aP10:F3} |");
        text.AppendLine($"| imagenet zero-shot ({z.Images} images, MobileNetV2 top-1 as label) | top-1 / top-5 | {z.Top1:F1} / {z.Top5:F1} |");
        var s = report.ImagenetSample;
        text.AppendLine($"| imagenet sample ({s.Images} photos, \"a photo of a {{class}}\") | text→image R@1 / R@5 | {s.T2i.R1:F1} / {s.T2i.R5:F1} |");
        text.AppendLine($"| | learned space alone R@1 / R@5 | {s.T2iLearnedOnly.R1:F1} / {s.T2iLearnedOnly.R5:F1} |");
        var p = report.Us8kToImagenet;
        text.AppendLine($"| sound→picture ({p.Clips} fold-1 clips over {p.Images} photos) | mAP / P@10 | {p.Map:F3} / {p.P10:F3} |");
        text.AppendLine($"| text query encoding (one per call) | p50 ms | {report.TextEncodeMsP50:F3} |");
        text.Append($"evaluated in {report.Seconds:F0} s");
        return text.ToString();
    }

    /// <summary>The report as one line of JSON (the last line of <c>deploy/bench.sh eval</c>).</summary>
    public static string Json(EvaluationReport report) => JsonSerializer.Serialize(report);
}
