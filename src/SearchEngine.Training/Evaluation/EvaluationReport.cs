using System.Text.Json.Serialization;

namespace SearchEngine.Training.Evaluation;

/// <summary>Recall figures in percent and the median rank, as written to the JSON report.</summary>
/// <param name="R1">Recall@1 (percent).</param>
/// <param name="R5">Recall@5 (percent).</param>
/// <param name="R10">Recall@10 (percent).</param>
/// <param name="MedianRank">Median rank of the first relevant item.</param>
public sealed record RecallFigures(
    [property: JsonPropertyName("r1")] double R1,
    [property: JsonPropertyName("r5")] double R5,
    [property: JsonPropertyName("r10")] double R10,
    [property: JsonPropertyName("median_rank")] double MedianRank)
{
    /// <summary>Rounds <paramref name="recall"/> for the report.</summary>
    public static RecallFigures From(RecallAtK recall)
    {
        ArgumentNullException.ThrowIfNull(recall);
        return new(Math.Round(recall.R1, 2), Math.Round(recall.R5, 2), Math.Round(recall.R10, 2), recall.MedianRank);
    }
}

/// <summary>Flickr8k 1k test: text→image (5,000 caption queries) and image→text (1,000 image queries).</summary>
/// <param name="Images">Images in the test set.</param>
/// <param name="Captions">Captions in the test set.</param>
/// <param name="T2i">Text→image recall.</param>
/// <param name="I2t">Image→text recall (rank of the best of an image's five captions).</param>
public sealed record Flickr8kFigures(
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("captions")] int Captions,
    [property: JsonPropertyName("t2i")] RecallFigures T2i,
    [property: JsonPropertyName("i2t")] RecallFigures I2t);

/// <summary>UrbanSound8K fold 1: text→audio mean average precision and audio→audio precision.</summary>
/// <param name="Clips">Clips evaluated.</param>
/// <param name="T2aMap">Mean over the 10 class sentences of the average precision of ranking all clips.</param>
/// <param name="A2aP1">Audio→audio precision@1 (same class, the query excluded).</param>
/// <param name="A2aP10">Audio→audio precision@10.</param>
public sealed record UrbanSoundFigures(
    [property: JsonPropertyName("clips")] int Clips,
    [property: JsonPropertyName("t2a_map")] double T2aMap,
    [property: JsonPropertyName("a2a_p1")] double A2aP1,
    [property: JsonPropertyName("a2a_p10")] double A2aP10);

/// <summary>
/// Zero-shot ImageNet labels on Flickr8k test images: the label of an image is MobileNetV2's own top-1 class, and the
/// text tower's prompt "a photo of a {class}" must rank first (or in the top 5) among the 1,000 class prompts.
/// </summary>
/// <param name="Images">Images evaluated.</param>
/// <param name="Top1">Percent of images whose label's prompt ranks first.</param>
/// <param name="Top5">Percent within the top 5.</param>
public sealed record ZeroShotFigures(
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("top1")] double Top1,
    [property: JsonPropertyName("top5")] double Top5);

/// <summary>The whole evaluation of one pack on the held-out sets.</summary>
/// <param name="Pack">What was evaluated.</param>
/// <param name="Flickr8kTest">Flickr8k 1k test.</param>
/// <param name="Us8kFold1">UrbanSound8K fold 1.</param>
/// <param name="ImagenetZeroshot">Zero-shot labels.</param>
/// <param name="Seconds">Wall time of the evaluation.</param>
public sealed record EvaluationReport(
    [property: JsonPropertyName("pack")] string Pack,
    [property: JsonPropertyName("flickr8k_test")] Flickr8kFigures Flickr8kTest,
    [property: JsonPropertyName("us8k_fold1")] UrbanSoundFigures Us8kFold1,
    [property: JsonPropertyName("imagenet_zeroshot")] ZeroShotFigures ImagenetZeroshot,
    [property: JsonPropertyName("seconds")] double Seconds);
