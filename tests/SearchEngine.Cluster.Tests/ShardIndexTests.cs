using SearchEngine.Core.Sharding;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;

namespace SearchEngine.Cluster.Tests;

/// <summary>A shard's serving copy against real PostgreSQL: the shards partition the collection, and changes reach exactly their shard.</summary>
public sealed class ShardIndexTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Shards = 4;

    [Fact]
    public async Task The_shards_partition_the_collection_and_a_change_reaches_exactly_its_shard()
    {
        await using var dataSource = await TestCollection.OpenAsync(database);
        var collection = await TestCollection.CreateAsync(dataSource, "partition", Shards, documents: 150, seed: 1);
        Assert.Equal(Shards, collection.ShardCount);
        var folder = TestCollection.TemporaryFolder();
        var loader = TestCollection.ShardLoader(dataSource, folder);
        var copies = new List<Collections.ShardIndex>();
        try
        {
            for (var s = 0; s < Shards; s++)
            {
                copies.Add(await loader.OpenAsync(collection, new Shard(s, Shards)));
            }

            Assert.Equal(Shards, loader.Rebuilds);
            await AssertPartitionAsync(dataSource, collection.Id, copies);
            // Balanced enough to matter: no shard is empty or holds most of the collection.
            Assert.All(copies, c => Assert.InRange(c.Index.Count, 300 / Shards / 2, 300 / Shards * 2));

            // Changes: one document replaced (its two segments deleted, two new inserted), one deleted, three added.
            var documents = new DocumentStore(dataSource);
            var random = new Random(2);
            await documents.WriteAsync(collection, [TestCollection.Document("0.jpg", "replaced", TestCollection.Vector(random), TestCollection.Vector(random))]);
            await documents.DeleteAsync(collection.Id, ["1.jpg"]);
            await documents.WriteAsync(collection, Enumerable.Range(0, 3).Select(i => TestCollection.Document($"new-{i}.jpg", $"new-{i}", TestCollection.Vector(random))).ToList());

            var before = copies.Select(c => c.Index.Count).ToArray();
            var applied = 0;
            foreach (var copy in copies)
            {
                applied += await copy.CatchUpAsync();
            }

            // Every change entry was applied by exactly one shard: 2 + 2 deletes, 2 + 3 inserts.
            Assert.Equal(9, applied);
            var last = await new SegmentStore(dataSource).GetLastSequenceAsync(collection.Id);
            Assert.All(copies, c => Assert.Equal(last, c.Sequence));
            Assert.Equal(before.Sum() - 4 + 5, copies.Sum(c => c.Index.Count));
            await AssertPartitionAsync(dataSource, collection.Id, copies);

            // Saved and reopened, a shard loads its own file (no rebuild) and holds the same segments.
            Assert.True(copies[2].Save());
            var count = copies[2].Index.Count;
            copies[2].Dispose();
            copies[2] = await loader.OpenAsync(collection, new Shard(2, Shards));
            Assert.Equal(Shards, loader.Rebuilds);
            Assert.Equal(count, copies[2].Index.Count);

            // Another shard's file is never taken for this one: the names differ and so does the recorded origin.
            Assert.NotEqual(loader.FilePathOf(collection, new Shard(2, Shards)), loader.FilePathOf(collection, new Shard(2, 8)));
            Assert.EndsWith(".shard2of4.hnsw", loader.FilePathOf(collection, new Shard(2, Shards)), StringComparison.Ordinal);
            File.Copy(loader.FilePathOf(collection, new Shard(2, Shards)), loader.FilePathOf(collection, new Shard(1, Shards)), overwrite: true);
            copies[1].Dispose();
            copies[1] = await loader.OpenAsync(collection, new Shard(1, Shards));
            Assert.Equal(Shards + 1, loader.Rebuilds);
            await AssertPartitionAsync(dataSource, collection.Id, copies);
        }
        finally
        {
            copies.ForEach(c => c.Dispose());
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_replica_without_a_file_of_its_own_starts_from_another_replicas_file_of_the_shard_and_catches_up()
    {
        await using var dataSource = await TestCollection.OpenAsync(database);
        var collection = await TestCollection.CreateAsync(dataSource, "sibling", Shards, documents: 120, seed: 3);
        var folder = TestCollection.TemporaryFolder();
        var loader = TestCollection.ShardLoader(dataSource, folder);
        var shard = new Shard(1, Shards);
        Collections.ShardIndex? first = null, second = null, third = null;
        try
        {
            first = await loader.OpenAsync(collection, shard, replica: 0);
            Assert.Equal(1, loader.Rebuilds);
            Assert.True(File.Exists(loader.FilePathOf(collection, shard, 0)));

            // Written after replica 0 saved its file: the replica that starts from that file must replay it.
            var random = new Random(4);
            await new DocumentStore(dataSource).WriteAsync(collection,
                Enumerable.Range(0, 12).Select(i => TestCollection.Document($"late-{i}.jpg", $"late-{i}", TestCollection.Vector(random))).ToList());
            await first.CatchUpAsync();

            second = await loader.OpenAsync(collection, shard, replica: 1);
            Assert.Equal(1, loader.Rebuilds);
            Assert.False(second.Rebuilt);
            Assert.False(File.Exists(loader.FilePathOf(collection, shard, 1)));
            Assert.Equal(first.Sequence, second.Sequence);
            Assert.Equal(first.Index.Count, second.Index.Count);
            var live = await TestCollection.LiveSegmentsAsync(dataSource, collection.Id);
            Assert.All(live.Keys.Where(id => ShardRouting.ShardOf(id, Shards) == shard.Index), id => Assert.True(second.Index.Contains(id)));

            // A damaged file of the other replica is not a start: the third replica rebuilds.
            File.WriteAllBytes(loader.FilePathOf(collection, shard, 0), [1, 2, 3]);
            third = await loader.OpenAsync(collection, shard, replica: 2);
            Assert.Equal(2, loader.Rebuilds);
            Assert.Equal(first.Index.Count, third.Index.Count);
        }
        finally
        {
            first?.Dispose();
            second?.Dispose();
            third?.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertPartitionAsync(Npgsql.NpgsqlDataSource dataSource, long collectionId, List<Collections.ShardIndex> copies)
    {
        // Every live segment is in exactly the shard the routing names, and no shard holds anything else.
        var live = await TestCollection.LiveSegmentsAsync(dataSource, collectionId);
        foreach (var id in live.Keys)
        {
            var holders = copies.Where(c => c.Index.Contains(id)).Select(c => c.Shard.Index).ToList();
            Assert.Equal([ShardRouting.ShardOf(id, Shards)], holders);
        }

        Assert.Equal(live.Count, copies.Sum(c => c.Index.Count));
    }
}
