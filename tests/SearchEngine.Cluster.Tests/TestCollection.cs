using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Migrations;
using SearchEngine.Storage.Segments;
using SearchEngine.Storage.Serving;
using SearchEngine.Testing;

namespace SearchEngine.Cluster.Tests;

/// <summary>A migrated database with a collection of random image documents in it, and the loaders over it.</summary>
internal static class TestCollection
{
    public const int Dimension = 16;

    public static async Task<NpgsqlDataSource> OpenAsync(PostgresDatabase database)
    {
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new MigrationRunner(dataSource).ApplyAsync();
        return dataSource;
    }

    /// <summary>Creates <paramref name="name"/> with <paramref name="shards"/> shards and <paramref name="documents"/> documents of two segments each.</summary>
    public static async Task<CollectionInfo> CreateAsync(NpgsqlDataSource dataSource, string name, int shards, int documents, int seed)
    {
        var store = new CollectionStore(dataSource);
        var collection = await store.CreateOrGetAsync(name, "clip-test", "f1f1", Dimension);
        collection = await store.SetShardCountAsync(collection.Id, shards) ?? throw new InvalidOperationException("collection vanished");
        var random = new Random(seed);
        var writes = Enumerable.Range(0, documents)
            .Select(i => Document($"{i}.jpg", $"{name}-{i}", Vector(random), Vector(random)))
            .ToList();
        await new DocumentStore(dataSource).WriteAsync(collection, writes);
        return collection;
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

    public static DocumentWrite Document(string uri, string content, params float[][] vectors) =>
        new(uri, Modality.Image, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))), content.Length,
            vectors.Select(v => new Segment(SegmentKind.Whole, null, null, v)).ToList());

    public static IOptions<CollectionIndexOptions> IndexOptions(string folder) =>
        Options.Create(new CollectionIndexOptions { IndexFolder = folder });

    public static CollectionIndexLoader CollectionLoader(NpgsqlDataSource dataSource, string folder) =>
        new(new SegmentStore(dataSource), new ServingCopyStore(dataSource), IndexOptions(folder));

    public static ShardIndexLoader ShardLoader(NpgsqlDataSource dataSource, string folder) =>
        new(new SegmentStore(dataSource), new ServingCopyStore(dataSource), CollectionLoader(dataSource, folder), IndexOptions(folder));

    /// <summary>Live segment ids with their vectors, read directly from PostgreSQL (the truth every copy must hold).</summary>
    public static async Task<Dictionary<long, float[]>> LiveSegmentsAsync(NpgsqlDataSource dataSource, long collectionId)
    {
        var live = new Dictionary<long, float[]>();
        await using var snapshot = await new SegmentStore(dataSource).OpenSnapshotAsync(collectionId);
        await snapshot.ForEachAsync((id, vector) => live[id] = vector.ToArray());
        return live;
    }

    /// <summary>The exact top-k by cosine similarity, by brute force over <paramref name="live"/>.</summary>
    public static long[] ExactTop(Dictionary<long, float[]> live, float[] query, int k) =>
        live.OrderByDescending(pair => Cosine(pair.Value, query)).ThenBy(pair => pair.Key).Take(k).Select(pair => pair.Key).ToArray();

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    /// <summary>A fresh folder for index files under the system's temporary folder.</summary>
    public static string TemporaryFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "se-cluster-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
