using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Embeddings.Calibration;

namespace SearchEngine.Retrieval.Ranking;

/// <summary>
/// A hit's estimated relevance: its similarity (the cosine of its best segment, which is comparable across queries,
/// unlike the rank-based fused score) through the pack's calibration map for the direction the similarity was measured
/// in: the query's tower against the tower of the matched segment. A caption of a photo is text, a video's frame an
/// image and its sound-track windows audio, so a text query that matched a photo's caption is scored text→text.
/// </summary>
public sealed class HitRelevance(PackCalibration calibration, Modality? queryTower, CollectionCatalogue catalogue)
{
    /// <summary>The estimated relevance of <paramref name="hit"/>, in [0, 1].</summary>
    public double Of(DocumentHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var documentModality = catalogue.TryGetDocument(hit.DocumentId, out var document) ? document.Summary.Modality : (Modality?)null;
        var item = SegmentTower(hit.BestSegment.Kind, documentModality);
        // A segment whose tower cannot be told (its document was removed meanwhile) is scored by the fallback map.
        return item is { } tower ? calibration.Relevance(queryTower, tower, hit.Similarity) : calibration.Fallback.At(hit.Similarity);
    }

    /// <summary>The tower that embedded a segment of <paramref name="kind"/> in a document of <paramref name="modality"/>.</summary>
    public static Modality? SegmentTower(SegmentKind kind, Modality? modality) => kind switch
    {
        SegmentKind.Frame => Modality.Image,
        SegmentKind.AudioWindow => Modality.Audio,
        SegmentKind.Caption or SegmentKind.Ocr => Modality.Text,
        SegmentKind.Whole => modality is Modality.Video ? null : modality,
        _ => null,
    };
}
