namespace SearchEngine.QueryApi.Contracts;

/// <summary>
/// The JSON form of POST /api/search. <c>documentId</c> means "more like this document"; with <c>crop</c>, "more like
/// this region of that (image) document". <c>cursor</c> is a previous response's <c>next_cursor</c>, sent with the same
/// fields to get the next page.
/// </summary>
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
    double? MinRelevance = null,
    CropRegion? Crop = null,
    string? Cursor = null);

/// <summary>
/// A region of an image as fractions of its width and height: <c>x</c>, <c>y</c> its top-left corner, <c>w</c>, <c>h</c>
/// its size, all in [0, 1]. In a form, the field <c>crop</c> spells it <c>x,y,w,h</c>.
/// </summary>
public sealed record CropRegion(double? X, double? Y, double? W, double? H);
