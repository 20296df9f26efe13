using SearchEngine.Core;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Serving;

namespace SearchEngine.QueryApi.Serving;

/// <summary>
/// "Acknowledged means visible": after a write commits, the writer brings this replica's serving copy of the collection
/// up to date before it answers, so a search right after the answer finds the change.
/// </summary>
internal static class WriteVisibility
{
    /// <summary>
    /// Catches up the serving copy of <paramref name="collection"/>. A collection this replica cannot serve (its pack is
    /// not installed here, or is another build) has no copy to update: the change is durable, and searches of it fail
    /// with their own error until the pack is installed, so that is not the writer's failure.
    /// </summary>
    public static async Task AwaitAsync(CollectionServing serving, string collection, CancellationToken cancellationToken)
    {
        try
        {
            await serving.CatchUpAsync(collection, cancellationToken);
        }
        catch (Exception e) when (e is PackLoadException or PackMismatchException or CollectionNotFoundException)
        {
            // Nothing served to update (or the collection was deleted meanwhile).
        }
    }
}
