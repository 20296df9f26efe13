using SearchEngine.Core;
using SearchEngine.Retrieval;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.QueryApi.Contracts;

/// <summary>Maps pipeline results onto the HTTP contract.</summary>
public static class ResponseMapping
{
    /// <summary><c>match</c> of a result whose recording contains the query's clip (found by its fingerprint).</summary>
    public const string ExactMatch = "exact";

    /// <summary><c>match</c> of a semantic search result.</summary>
    public const string SimilarMatch = "similar";

    /// <summary><c>segment.kind</c> of an exact match: the time range the clip's fingerprint matched.</summary>
    public const string FingerprintSegment = "fingerprint";

    /// <summary>
    /// The response body for <paramref name="result"/> of <paramref name="query"/>; <paramref name="closeMatch"/> overrides
    /// the pack's close-match threshold when set (QueryApi:CloseMatchRelevance).
    /// </summary>
    public static SearchResponse ToResponse(this SearchResult result, SearchQuery query, double? closeMatch = null, string? nextCursor = null) => new(
        new QueryEcho(result.Collection, query.Text, query.FileName, query.DocumentId, query.Modality?.ToName(), query.K, query.Rerank, query.Diversity, query.Filter, query.MinRelevance, result.Candidates,
            query.Crop is { } crop ? new CropRegion(crop.X, crop.Y, crop.Width, crop.Height) : null),
        Math.Round(result.Elapsed.TotalMilliseconds, 2),
        result.Calibration is not null,
        result.Calibration is { } calibration ? closeMatch ?? calibration.Document.CloseMatch : null,
        result.FilteredOut,
        result.Partial,
        result.MissingShards ?? [],
        result.Hits.Select(h => new SearchResultItem(
            h.Document.Id,
            h.Document.Uri,
            h.Document.Modality.ToName(),
            h.Hit.Similarity,
            h.Relevance is { } relevance ? Math.Round(relevance, 4) : null,
            h.Hit.FusedScore,
            h.Rank,
            h.Exact is null ? SimilarMatch : ExactMatch,
            h.Exact is { } exact ? Math.Round(exact.OffsetSeconds, 3) : null,
            h.Exact is { } sure ? Math.Round(sure.Confidence, 4) : null,
            h.Exact is { } range ? new SegmentMatch(FingerprintSegment, Math.Round(range.StartSeconds, 3), Math.Round(range.EndSeconds, 3))
                : h.Hit.BestSegment.Kind is SegmentKind.Whole ? null : new SegmentMatch(h.Hit.BestSegment.Kind.ToName(), h.Hit.BestSegment.Start, h.Hit.BestSegment.End),
            h.Document.DurationSeconds,
            h.Document.Title,
            h.Document.Caption,
            h.Document.Metadata,
            $"/api/documents/{h.Document.Id}/thumbnail",
            $"/api/documents/{h.Document.Id}/media",
            h.Hit.Moments is { Count: > 0 } moments
                ? [.. moments.Select(m => new MomentMatch(m.Kind.ToName(), m.Start!.Value, m.End, m.Similarity))]
                : null,
            h.Text?.Explanation,
            h.Text is { } read
                ? new TextInPictureMatch(read.Text, read.Time, read.Width, read.Height,
                    [.. read.Words.Select(w => new TextInPictureWord(w.Text, [w.X, w.Y, w.Width, w.Height], w.Confidence, w.Matched))])
                : null)).ToList(),
        nextCursor);
}
