using SearchEngine.Training.Evaluation;
using SearchEngine.Training.Features;
using SearchEngine.Training.Model;
using static TorchSharp.torch;

namespace SearchEngine.Training.Training;

/// <summary>One model-selection measurement.</summary>
/// <param name="Score">The single number early stopping maximises.</param>
/// <param name="TextToImage">Dev text→image recall.</param>
/// <param name="ImageToText">Dev image→text recall.</param>
/// <param name="TextToAudioMap">Held-out text→audio mean average precision.</param>
/// <param name="AudioToAudioP1">Held-out audio→audio precision@1.</param>
public sealed record SelectionScore(double Score, RecallAtK TextToImage, RecallAtK ImageToText, double TextToAudioMap, double AudioToAudioP1)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"score {Score:F4} | dev t2i R@1/5/10 {TextToImage.R1:F1}/{TextToImage.R5:F1}/{TextToImage.R10:F1} " +
        $"i2t {ImageToText.R1:F1}/{ImageToText.R5:F1}/{ImageToText.R10:F1} | held-out t2a mAP {TextToAudioMap:F3} a2a P@1 {AudioToAudioP1:F3}";
}

/// <summary>
/// The data checkpoints are chosen on: the Flickr8k dev split (images and all their captions) and the held-out slice
/// of UrbanSound8K fold 2 with one query sentence per class. Never the benchmark splits.
/// </summary>
/// <param name="DevImages">Dev image features [M, 1280].</param>
/// <param name="DevCaptionIds">Every dev caption's id in the text bank.</param>
/// <param name="DevCaptionImages">Per dev caption, the index of its image.</param>
/// <param name="HeldOutClips">Indices of the held-out clips in the audio bank.</param>
/// <param name="HeldOutLabels">Their class ids.</param>
/// <param name="ClassQueryIds">Text-bank ids of one query per class, in class id order.</param>
/// <param name="DevLogits">Dev images' ImageNet logits [M, 1000], for the concept bridge's weights.</param>
/// <param name="HeldOutScores">Held-out clips' AudioSet scores averaged over patches [K, 521], likewise.</param>
public sealed record SelectionSet(
    Tensor DevImages,
    IReadOnlyList<int> DevCaptionIds,
    IReadOnlyList<long> DevCaptionImages,
    IReadOnlyList<int> HeldOutClips,
    IReadOnlyList<long> HeldOutLabels,
    IReadOnlyList<int> ClassQueryIds,
    FeatureMatrix DevLogits,
    FeatureMatrix HeldOutScores)
{
    /// <summary>Embeds the selection data with <paramref name="model"/> and scores it.</summary>
    public SelectionScore Measure(ContrastiveModel model, SentenceBank texts, AudioBank audio, Device device)
    {
        var images = HeadRunner.Images(model, DevImages, device);
        var captions = HeadRunner.Texts(model, texts, DevCaptionIds, device);
        var imageIds = Enumerable.Range(0, images.Rows).Select(i => (long)i).ToArray();
        var t2i = RetrievalMetrics.Recall(RetrievalMetrics.FirstRelevantRanks(captions, images, DevCaptionImages, imageIds));
        var i2t = RetrievalMetrics.Recall(RetrievalMetrics.FirstRelevantRanks(images, captions, imageIds, DevCaptionImages));

        var clips = HeadRunner.Audio(model, audio, HeldOutClips, device);
        var queries = HeadRunner.Texts(model, texts, ClassQueryIds, device);
        var classIds = Enumerable.Range(0, ClassQueryIds.Count).Select(i => (long)i).ToArray();
        var map = RetrievalMetrics.MeanAveragePrecision(queries, classIds, clips, HeldOutLabels);
        var p1 = RetrievalMetrics.PrecisionAtK(clips, HeldOutLabels, 1);

        var score = (t2i.Mean + i2t.Mean) / 200 + (map + p1) / 2;
        return new SelectionScore(score, t2i, i2t, map, p1);
    }
}
