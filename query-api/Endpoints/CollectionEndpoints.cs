using SearchEngine.Core;
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
            var counts = (await collections.CountDocumentsAsync(cancellationToken)).ToLookup(c => c.CollectionId);
            return Results.Ok(list.Select(c => new
            {
                c.Name,
                c.PackId,
                c.PackFingerprint,
                c.Dimension,
                c.CreatedAt,
                Documents = counts[c.Id].Sum(n => n.Documents),
                Modalities = counts[c.Id].ToDictionary(n => n.Modality.ToName(), n => n.Documents),
            }));
        }).WithTags("Collections").WithName("ListCollections")
          .WithSummary("The collections, the model pack each is bound to, and how many documents of each modality each holds.");
    }
}
