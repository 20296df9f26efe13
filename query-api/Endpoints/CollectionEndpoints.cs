using System.Security.Claims;
using SearchEngine.Access;
using SearchEngine.Core;
using SearchEngine.QueryApi.Access;
using SearchEngine.Storage.Collections;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>GET /api/collections: those the request's key may reach.</summary>
internal static class CollectionEndpoints
{
    public static void MapCollectionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/collections", async (ClaimsPrincipal user, CollectionStore collections, CancellationToken cancellationToken) =>
        {
            // A key limited to some collections sees only those.
            var list = (await collections.ListAsync(cancellationToken)).Where(c => user.AllowsCollection(c.Name));
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
        }).RequireAuthorization(ApiScopes.Read).WithTags("Collections").WithName("ListCollections")
          .WithSummary("The collections, the model pack each is bound to, and how many documents of each modality each holds.");
    }
}
