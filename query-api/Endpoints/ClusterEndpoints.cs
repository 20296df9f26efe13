using SearchEngine.Cluster.Status;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>GET /api/cluster.</summary>
internal static class ClusterEndpoints
{
    public static void MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster", async (IClusterStatusReader reader, CancellationToken cancellationToken) =>
            TypedResults.Ok(await reader.ReadAsync(cancellationToken)))
          .WithTags("Cluster").WithName("GetClusterStatus")
          .WithSummary("What serves the collections: in cluster mode the silos (status, memory) and every shard replica of each sharded " +
              "collection (silo, sequence, lag behind the change log, vectors, memory); in single-node mode this process and the " +
              "collections it has opened.");
    }
}
