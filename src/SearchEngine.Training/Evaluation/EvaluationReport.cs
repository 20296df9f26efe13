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

/// <summary>Recall@1 and @5 in percent.</summary>
/// <param name="R1">Recall@1 (percent).</param>
/// <param name="R5">Recall@5 (percent).</param>
public sealed record TopRecall(
    [property: JsonPropertyName("r1")] double R1,
    [property: JsonPropertyName("r5")] double R5);

/// <summary>
/// The ImageNet sample (500 photos, one per even class): each class's prompt "a photo of a {class}" must find its one
/// photo. Out of domain for the learned space; MobileNetV2's own classes give a second score an easy start there.
/// </summary>
/// <param name="Images">Photos (and prompts).</param>
/// <param name="T2i">Text→image recall of the whole system.</param>
/// <param name="T2iLearnedOnly">The same with the learned space alone; equal to <paramref name="T2i"/> for a pack with no second score.</param>
public sealed record ImagenetSampleFigures(
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("t2i")] TopRecall T2i,
    [property: JsonPropertyName("t2i_learned_only")] TopRecall T2iLearnedOnly);

/// <summary>
/// Sound→picture: UrbanSound8K fold-1 clips of the mapped classes query the ImageNet sample, a photo being relevant
/// when it is in the clip's picture group (<see cref="SoundToPictureMapping"/>).
/// </summary>
/// <param name="Clips">Query clips.</param>
/// <param name="Images">Photos searched.</param>
/// <param name="Map">Mean average precision over the clips.</param>
/// <param name="P10">Precision@10 (its ceiling is about 0.52: some groups have fewer than ten photos).</param>
public sealed record SoundToPictureFigures(
    [property: JsonPropertyName("clips")] int Clips,
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("map")] double Map,
    [property: JsonPropertyName("p10")] double P10);

/// <summary>The whole evaluation of one pack on the held-out sets.</summary>
/// <param name="Pack">What was evaluated.</param>
/// <param name="Flickr8kTest">Flickr8k 1k test.</param>
/// <param name="Us8kFold1">UrbanSound8K fold 1.</param>
/// <param name="ImagenetZeroshot">Zero-shot labels.</param>
/// <param name="ImagenetSample">Text→image over the ImageNet sample.</param>
/// <param name="Us8kToImagenet">Sound→picture.</param>
/// <param name="TextEncodeMsP50">Median milliseconds to embed one short text query, one text per call.</param>
/// <param name="Seconds">Wall time of the evaluation.</param>
public sealed record EvaluationReport(
    [property: JsonPropertyName("pack")] string Pack,
    [property: JsonPropertyName("flickr8k_test")] Flickr8kFigures Flickr8kTest,
    [property: JsonPropertyName("us8k_fold1")] UrbanSoundFigures Us8kFold1,
    [property: JsonPropertyName("imagenet_zeroshot")] ZeroShotFigures ImagenetZeroshot,
    [property: JsonPropertyName("imagenet_sample")] ImagenetSampleFigures ImagenetSample,
    [property: JsonPropertyName("us8k_to_imagenet")] SoundToPictureFigures Us8kToImagenet,
    [property: JsonPropertyName("text_encode_ms_p50")] double TextEncodeMsP50,
    [property: JsonPropertyName("seconds")] double Seconds);
