namespace SearchEngine.QueryApi.Contracts;

/// <summary>The JSON form of POST /api/search. <c>documentId</c> means "more like this document".</summary>
/// <remarks>
/// <c>documentId</c> is named explicitly: the API's snake_case naming policy would otherwise expect <c>document_id</c>,
/// and clients (the page, the documentation) send <c>documentId</c>. <c>min_relevance</c> is snake_case like the query
/// string parameter of the same name; every other field is one word either way.
/// </remarks>
public sealed record SearchRequestBody(
    string? Collection,
    string? Text,
    [property: System.Text.Json.Serialization.JsonPropertyName("documentId")] long? DocumentId,
    string? Modality,
    int? K,
    System.Text.Json.JsonElement? Filter,
    bool? Rerank,
    double? Diversity,
    int? Ef,
    double? MinRelevance = null);
