using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SearchEngine.Access;
using SearchEngine.Maps;
using SearchEngine.QueryApi.Access;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Storage.Collections;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// GET /api/collections/{collection}/map: the collection's embedding map in <see cref="MapFormat"/> (docs/map.md), one
/// point per document, cached by its change-log sequence (ETag), gzipped when the client accepts it.
/// </summary>
internal static class MapEndpoints
{
    public static void MapEmbeddingMapEndpoints(this IEndpointRouteBuilder app)
    {
        // The route value is named "collection" so the read policy's CollectionRequirement checks a limited key against it.
        app.MapGet("/api/collections/{collection}/map", async (string collection, HttpContext http, CollectionStore collections, CollectionMaps maps, IOptions<MapOptions> options, CancellationToken cancellationToken) =>
        {
            var info = await collections.GetByNameAsync(collection, cancellationToken);
            if (info is null || !http.User.AllowsCollection(info.Name))
            {
                throw new QueryException("collection", $"There is no collection '{collection}'.", QueryError.NotFound);
            }

            var map = await maps.GetAsync(info, cancellationToken);
            if (map is null)
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Accepted();
            }

            // The sequence names the map's content (placed points come with a new sequence); a strong ETag names one
            // representation, so the gzipped body has its own.
            var gzip = http.Request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
            var tag = new EntityTagHeaderValue($"\"{map.Sequence}-{map.Count}-{map.Drift}{(gzip ? "-gz" : "")}\"");
            http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            http.Response.Headers.CacheControl = "no-cache";
            if (gzip)
            {
                http.Response.Headers.ContentEncoding = "gzip";
            }

            return Results.Bytes(gzip ? map.Gzipped : map.Encoded, "application/octet-stream", entityTag: tag);
        }).RequireAuthorization(ApiScopes.Read).WithTags("Collections").WithName("GetCollectionMap")
          .WithSummary("The collection's embedding map: a 2-D UMAP layout, one point per document, in a compact binary form (docs/map.md).")
          .WithDescription("""
              Little-endian binary: a 40-byte header (magic "SEMP", version uint16 = 1, flags uint16, count uint32, drift uint32,
              sequence int64, bounds min x, min y, max x, max y float32), then count document ids (int64), count (x, y) pairs
              (float32, interleaved) and count modalities (uint8: 0 image, 1 audio, 2 video, 3 text). The ETag changes with the
              map; send If-None-Match to get 304. 202 with Retry-After while the collection's first layout is computed.
              Documents added since the last full layout are placed at the mean of their nearest mapped documents.
              """)
          .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
          .Produces(StatusCodes.Status202Accepted)
          .Produces(StatusCodes.Status304NotModified)
          .ProducesProblem(StatusCodes.Status403Forbidden)
          .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
