using System.Buffers.Binary;
using Npgsql;
using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Core.Vectors;
using SearchEngine.Index;
using SearchEngine.Testing;
using Xunit.Abstractions;

namespace SearchEngine.Ingestion.Tests.Serving;

/// <summary>
/// Every kind of bad index file — damaged, of another format version or dimension, from another database, collection or
/// time — is rebuilt from PostgreSQL and never served: the copy that opens holds exactly the live segments.
/// </summary>
public sealed class BadIndexFileTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    private const int HeaderBytes = 88 + (8 * 24) + 4;

    [Fact]
    public async Task Each_bad_index_file_is_rebuilt_from_postgres_and_never_loaded()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        await using var data = NpgsqlDataSource.Create(database.ConnectionString);
        var collection = await VectorCollection.CreateAsync(data, "bad-files", 40);
        var live = await VectorCollection.LiveSegmentIdsAsync(data, collection.Id);
        var loader = harness.Get<CollectionIndexLoader>();
        string path;
        using (var first = await loader.OpenAsync(collection))
        {
            path = first.FilePath;
        }

        var good = await File.ReadAllBytesAsync(path);
        var origin = await loader.OriginOfAsync(collection);
        var cases = Cases(good, origin, collection);
        foreach (var (name, write) in cases)
        {
            write(path);
            var rebuildsBefore = loader.Rebuilds;
            var logsBefore = harness.Logs.Count;
            using var opened = await loader.OpenAsync(collection);
            var logs = harness.Logs.Skip(logsBefore).ToList();

            Assert.True(loader.Rebuilds == rebuildsBefore + 1, $"{name}: expected a rebuild from PostgreSQL; log: {string.Join(" | ", logs)}");
            Assert.DoesNotContain(logs, l => l.Contains("Loaded the index", StringComparison.Ordinal));
            Assert.Equal(live.Count, opened.Index.Count);
            Assert.All(live, id => Assert.True(opened.Index.Contains(id), $"{name}: segment {id} missing after the rebuild"));
            Assert.Equal(origin, ((HnswIndex)opened.Index).Origin);
        }

        // The rebuilt file is good again: the next open loads it.
        var rebuilds = loader.Rebuilds;
        using (await loader.OpenAsync(collection))
        {
            Assert.Equal(rebuilds, loader.Rebuilds);
        }

        output.WriteLine($"bad index file cases: {cases.Count}, each rebuilt and none loaded");
        Assert.True(cases.Count >= 20, $"only {cases.Count} cases");
    }

    private static List<(string Name, Action<string> Write)> Cases(byte[] good, string origin, CollectionInfo collection)
    {
        byte[] Flip(int offset)
        {
            var bytes = (byte[])good.Clone();
            bytes[offset] ^= 0x5A;
            return bytes;
        }

        byte[] WithInt(int offset, int value)
        {
            var bytes = (byte[])good.Clone();
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
            return bytes;
        }

        Action<string> Bytes(byte[] bytes) => path => File.WriteAllBytes(path, bytes);

        // Valid files, rewritten from the good one with one thing changed: what a loader must refuse by meaning, not by checksum.
        Action<string> Resaved(Action<HnswIndex> change) => path =>
        {
            File.WriteAllBytes(path, good);
            using var index = HnswIndex.Load(path);
            change(index);
            index.Save(path);
        };

        var otherDatabase = origin.Replace(origin[9..45], Guid.NewGuid().ToString("D"), StringComparison.Ordinal);
        return
        [
            ("empty file", Bytes([])),
            ("truncated to 10 bytes", Bytes(good[..10])),
            ("truncated inside the fixed header", Bytes(good[..87])),
            ("truncated after the header", Bytes(good[..HeaderBytes])),
            ("truncated to half", Bytes(good[..(good.Length / 2)])),
            ("last byte missing", Bytes(good[..^1])),
            ("wrong magic", Bytes(Flip(0))),
            ("magic zeroed", Bytes([.. new byte[8], .. good[8..]])),
            ("future format version", Bytes(WithInt(8, 3))),
            ("format version 1 (before origins)", Bytes(WithInt(8, 1))),
            ("format version 0", Bytes(WithInt(8, 0))),
            ("flipped byte in the dimension field", Bytes(Flip(16))),
            ("flipped byte in the section table", Bytes(Flip(88 + 9))),
            ("flipped byte in the header checksum", Bytes(Flip(HeaderBytes - 2))),
            ("flipped byte in the labels", Bytes(Flip(HeaderBytes + 3))),
            ("flipped byte in the vectors", Bytes(Flip(good.Length / 2))),
            ("flipped byte at three quarters", Bytes(Flip(good.Length * 3 / 4))),
            ("flipped byte in the origin", Bytes(Flip(good.Length - 3))),
            ("all zeros", Bytes(new byte[good.Length])),
            ("random bytes", Bytes(RandomBytes(good.Length))),
            ("wrong dimension", path =>
            {
                using var index = new HnswIndex(new HnswOptions { Dimension = 16, Metric = DistanceMetric.Cosine }) { Origin = origin };
                index.Upsert(1, Enumerable.Range(0, 16).Select(i => (float)i).ToArray());
                index.Save(path);
            }),
            ("from another database", Resaved(index => index.Origin = otherDatabase)),
            ("from another collection of this database", Resaved(index => index.Origin = origin.Replace($"collection={collection.Id};", $"collection={collection.Id + 1000};", StringComparison.Ordinal))),
            ("from an earlier collection with this id (re-created)", Resaved(index => index.Origin = origin.Replace($"created={collection.CreatedAt.UtcTicks}", $"created={collection.CreatedAt.UtcTicks - 1}", StringComparison.Ordinal))),
            ("built outside a serving copy (no origin)", Resaved(index => index.Origin = "")),
            ("ahead of the database (a reset database)", Resaved(index => index.LastSequence += 1_000_000)),
        ];
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}
