using System.Security.Claims;
using SearchEngine.Access;
using SearchEngine.Cluster.Status;
using SearchEngine.QueryApi.Access;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>GET /api/cluster.</summary>
internal static class ClusterEndpoints
{
    public static void MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster", async (IClusterStatusReader reader, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            // A key limited to some collections sees the nodes, and only its own collections' shards.
            var status = await reader.ReadAsync(cancellationToken);
            return TypedResults.Ok(status with { Collections = [.. status.Collections.Where(c => user.AllowsCollection(c.Name))] });
        }).RequireAuthorization(ApiScopes.Read)
          .WithTags("Cluster").WithName("GetClusterStatus")
          .WithSummary("What serves the collections: in cluster mode the silos (status, memory) and every shard replica of each sharded " +
              "collection (silo, sequence, lag behind the change log, vectors, memory); in single-node mode this process and the " +
              "collections it has opened.");
    }
}
