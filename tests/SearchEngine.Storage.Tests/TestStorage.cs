using System.Security.Cryptography;
using System.Text;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Migrations;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

/// <summary>A migrated database with the stores over it, and builders for test documents.</summary>
internal static class TestStorage
{
    public const string Pack = "clip-test";
    public const string Fingerprint = "f1f1";

    public static async Task<NpgsqlDataSource> OpenAsync(PostgresDatabase database)
    {
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new MigrationRunner(dataSource).ApplyAsync();
        return dataSource;
    }

    public static Task<CollectionInfo> CollectionAsync(NpgsqlDataSource dataSource, string name, int dimension) =>
        new CollectionStore(dataSource).CreateOrGetAsync(name, Pack, Fingerprint, dimension);

    public static float[] Vector(Random random, int dimension)
    {
        var vector = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return vector;
    }

    public static string Sha(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public static DocumentWrite Document(string uri, string content, params Segment[] segments) =>
        new(uri, Modality.Image, Sha(content), content.Length, segments);

    public static Segment Whole(Random random, int dimension) => new(SegmentKind.Whole, null, null, Vector(random, dimension));

    /// <summary>Live segment ids of a collection with their vectors, read directly (the truth replay must reproduce).</summary>
    public static async Task<Dictionary<long, float[]>> LiveSegmentsAsync(NpgsqlDataSource dataSource, long collectionId)
    {
        var live = new Dictionary<long, float[]>();
        await using var snapshot = await new Segments.SegmentStore(dataSource).OpenSnapshotAsync(collectionId);
        await snapshot.ForEachAsync((id, vector) => live[id] = vector.ToArray());
        return live;
    }
}
