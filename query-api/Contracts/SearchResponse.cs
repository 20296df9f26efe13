namespace SearchEngine.QueryApi.Contracts;

/// <summary>The body of a search response (snake_case on the wire).</summary>
public sealed record SearchResponse(QueryEcho Query, double TookMs, IReadOnlyList<SearchResultItem> Results);

/// <summary>What was searched for, as the service understood it.</summary>
public sealed record QueryEcho(string Collection, string? Text, string? File, long? DocumentId, string? Modality, int K, bool Rerank, double Diversity, string? Filter, int Candidates);

/// <summary>One ranked document. <c>Duration</c> is the length of an audio or video file in seconds (null otherwise).</summary>
public sealed record SearchResultItem(
    long Id,
    string Uri,
    string Modality,
    float Score,
    double? FusedScore,
    int Rank,
    SegmentMatch? Segment,
    double? Duration,
    string? Title,
    string? Caption,
    System.Text.Json.JsonElement Metadata,
    string ThumbnailUrl,
    string MediaUrl);

/// <summary>Where in an audio or video file the match is (null for whole documents).</summary>
public sealed record SegmentMatch(string Kind, double? Start, double? End);
