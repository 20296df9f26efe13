using SearchEngine.Core;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Storage.Collections;

namespace SearchEngine.Benchmarks.Query;

/// <summary>The benchmark's collections are derived data: one built with another pack (a retrained default) is built again.</summary>
internal static class BenchCollection
{
    public static async Task<CollectionInfo> CreateOrReplaceAsync(this CollectionStore collections, string name, ModelPack pack, CancellationToken cancellationToken)
    {
        if (await collections.GetByNameAsync(name, cancellationToken) is { } existing && !pack.Built(existing))
        {
            Console.Error.WriteLine($"[query] {name}: built with pack {existing.PackId} ({existing.PackFingerprint[..12]}); rebuilding it for {pack.Id} ({pack.Fingerprint[..12]})");
            await collections.DeleteAsync(existing.Id, cancellationToken);
        }

        return await collections.CreateOrGetAsync(name, pack.Id, pack.Fingerprint, pack.Dimension, cancellationToken);
    }
}
