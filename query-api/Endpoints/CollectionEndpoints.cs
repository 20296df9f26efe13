using SearchEngine.Storage.Collections;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>GET /api/collections.</summary>
internal static class CollectionEndpoints
{
    public static void MapCollectionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/collections", async (CollectionStore collections, CancellationToken cancellationToken) =>
        {
            var list = await collections.ListAsync(cancellationToken);
            return Results.Ok(list.Select(c => new { c.Name, c.PackId, c.PackFingerprint, c.Dimension, c.CreatedAt }));
        }).WithTags("Collections").WithName("ListCollections").WithSummary("The collections and the model pack each is bound to.");
    }
}
