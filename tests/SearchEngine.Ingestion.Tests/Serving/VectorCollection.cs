using Npgsql;
using SearchEngine.Core;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Ingestion.Tests.Serving;

/// <summary>Vector-only documents written straight through <see cref="DocumentStore"/>: serving-copy tests need rows, not media.</summary>
internal static class VectorCollection
{
    public const int Dimension = 8;

    public static async Task<CollectionInfo> CreateAsync(NpgsqlDataSource dataSource, string name, int documents, int seed = 1)
    {
        var collection = await new CollectionStore(dataSource).CreateOrGetAsync(name, "vectors", "v1", Dimension);
        await WriteAsync(dataSource, collection, Enumerable.Range(0, documents).Select(i => $"{name}/{i}.jpg"), seed);
        return collection;
    }

    public static async Task WriteAsync(NpgsqlDataSource dataSource, CollectionInfo collection, IEnumerable<string> uris, int seed)
    {
        var random = new Random(seed);
        var batch = uris.Select(uri => new DocumentWrite(uri, Modality.Image, Sha(uri + seed), 1, [new Segment(SegmentKind.Whole, null, null, Vector(random))])).ToList();
        await new DocumentStore(dataSource).WriteAsync(collection, batch);
    }

    public static float[] Vector(Random random)
    {
        var vector = new float[Dimension];
        for (var i = 0; i < Dimension; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return vector;
    }

    public static async Task<HashSet<long>> LiveSegmentIdsAsync(NpgsqlDataSource dataSource, long collectionId)
    {
        var ids = new HashSet<long>();
        await using var command = dataSource.CreateCommand("SELECT id FROM segments WHERE collection_id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static string Sha(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
