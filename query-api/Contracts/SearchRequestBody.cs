namespace SearchEngine.QueryApi.Contracts;

/// <summary>The JSON form of POST /api/search. <c>documentId</c> means "more like this document".</summary>
public sealed record SearchRequestBody(
    string? Collection,
    string? Text,
    long? DocumentId,
    string? Modality,
    int? K,
    System.Text.Json.JsonElement? Filter,
    bool? Rerank,
    double? Diversity,
    int? Ef);
