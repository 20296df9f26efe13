using Npgsql;
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

    /// <summary>
    /// The collection <paramref name="name"/> bound to <paramref name="pack"/> (<see cref="CreateOrReplaceAsync"/>) and
    /// whether it already holds <paramref name="documents"/> documents, in which case a run keeps it as it is.
    /// </summary>
    public static async Task<(CollectionInfo Collection, bool Complete)> OpenAsync(
        this CollectionStore collections, NpgsqlDataSource database, string name, ModelPack pack, int documents, CancellationToken cancellationToken)
    {
        var collection = await collections.CreateOrReplaceAsync(name, pack, cancellationToken);
        return (collection, await DocumentCountAsync(database, collection.Id, cancellationToken) == documents);
    }

    private static async Task<long> DocumentCountAsync(NpgsqlDataSource database, long collectionId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM documents WHERE collection_id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
