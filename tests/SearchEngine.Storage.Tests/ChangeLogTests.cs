using SearchEngine.Core;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class ChangeLogTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Dimension = 8;

    [Fact]
    public async Task Replaying_the_log_from_the_start_yields_exactly_the_live_segments_after_inserts_updates_and_deletes()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "replay", Dimension);
        var other = await TestStorage.CollectionAsync(dataSource, "replay-other", Dimension);
        var store = new DocumentStore(dataSource);
        var random = new Random(10);

        await store.WriteAsync(collection, Enumerable.Range(0, 10).Select(i => TestStorage.Document($"{i}.jpg", $"v1-{i}", TestStorage.Whole(random, Dimension), TestStorage.Whole(random, Dimension))).ToList());
        await store.WriteAsync(other, [TestStorage.Document("elsewhere.jpg", "e", TestStorage.Whole(random, Dimension))]);
        await store.WriteAsync(collection, [TestStorage.Document("3.jpg", "v2-3", TestStorage.Whole(random, Dimension)), TestStorage.Document("4.jpg", "v2-4")]);
        await store.DeleteAsync(collection.Id, ["5.jpg", "6.jpg", "not-there.jpg"]);
        await store.WriteAsync(collection, [TestStorage.Document("5.jpg", "v3-5", TestStorage.Whole(random, Dimension))]);

        var replayed = new Dictionary<long, float[]>();
        var last = await ReplayAsync(new SegmentStore(dataSource), collection.Id, replayed, 0, batchSize: 7);

        var live = await TestStorage.LiveSegmentsAsync(dataSource, collection.Id);
        Assert.Equal(live.Keys.Order(), replayed.Keys.Order());
        Assert.All(live, pair => Assert.Equal(pair.Value, replayed[pair.Key]));
        Assert.Equal(10 * 2 - 4 + 1 - 4 + 1, live.Count);
        Assert.Equal(await new SegmentStore(dataSource).GetLastSequenceAsync(collection.Id), last);
        Assert.True((await new SegmentStore(dataSource).ReadChangesAsync(collection.Id, last)).Changes.Count == 0);
    }

    [Fact]
    public async Task A_snapshot_plus_the_changes_after_its_sequence_yields_the_live_segments()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "snapshot", Dimension);
        var store = new DocumentStore(dataSource);
        var segments = new SegmentStore(dataSource);
        var random = new Random(11);
        await store.WriteAsync(collection, Enumerable.Range(0, 6).Select(i => TestStorage.Document($"{i}.jpg", $"a{i}", TestStorage.Whole(random, Dimension))).ToList());

        var index = new Dictionary<long, float[]>();
        long sequence;
        await using (var snapshot = await segments.OpenSnapshotAsync(collection.Id))
        {
            // Writes landing while the snapshot streams are not in it; they come back through the log.
            await store.WriteAsync(collection, [TestStorage.Document("during.jpg", "d", TestStorage.Whole(random, Dimension))]);
            await store.DeleteAsync(collection.Id, ["0.jpg"]);
            Assert.Equal(6, await snapshot.ForEachAsync((id, vector) => index[id] = vector.ToArray()));
            Assert.Equal(6, snapshot.Count);
            sequence = snapshot.LastSequence;
        }

        await store.WriteAsync(collection, [TestStorage.Document("1.jpg", "a1-changed", TestStorage.Whole(random, Dimension))]);
        await ReplayAsync(segments, collection.Id, index, sequence, batchSize: 100);

        var live = await TestStorage.LiveSegmentsAsync(dataSource, collection.Id);
        Assert.Equal(live.Keys.Order(), index.Keys.Order());
        Assert.All(live, pair => Assert.Equal(pair.Value, index[pair.Key]));
    }

    [Fact]
    public async Task A_replayer_polling_while_writers_race_never_misses_a_change()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "race", Dimension);
        var store = new DocumentStore(dataSource);
        var segments = new SegmentStore(dataSource);
        using var stop = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var random = new Random(100 + w);
            for (var round = 0; round < 25; round++)
            {
                var uri = $"w{w}-{random.Next(6)}.jpg";
                if (round % 5 == 4)
                {
                    await store.DeleteAsync(collection.Id, [uri]);
                }
                else
                {
                    await store.WriteAsync(collection, [TestStorage.Document(uri, $"{w}-{round}", TestStorage.Whole(random, Dimension), TestStorage.Whole(random, Dimension))]);
                }
            }
        })).ToArray();

        var index = new Dictionary<long, float[]>();
        long last = 0;
        var polls = 0;
        var writing = Task.WhenAll(writers);
        while (!writing.IsCompleted)
        {
            last = await ReplayAsync(segments, collection.Id, index, last, batchSize: 5);
            polls++;
        }

        await writing;
        await ReplayAsync(segments, collection.Id, index, last, batchSize: 1000);

        var live = await TestStorage.LiveSegmentsAsync(dataSource, collection.Id);
        Assert.True(polls > 1);
        Assert.Equal(live.Keys.Order(), index.Keys.Order());
        Assert.All(live, pair => Assert.Equal(pair.Value, index[pair.Key]));
    }

    /// <summary>What an index does on start: apply every change after <paramref name="after"/>, in order.</summary>
    private static async Task<long> ReplayAsync(SegmentStore segments, long collectionId, Dictionary<long, float[]> index, long after, int batchSize)
    {
        while (true)
        {
            var batch = await segments.ReadChangesAsync(collectionId, after, batchSize);
            foreach (var change in batch.Changes)
            {
                Assert.True(change.Sequence > after);
                if (change.Kind == SegmentChangeKind.Insert)
                {
                    index[change.SegmentId] = change.Vector!;
                }
                else
                {
                    index.Remove(change.SegmentId);
                }
            }

            after = batch.LastSequence;
            if (!batch.HasMore)
            {
                return after;
            }
        }
    }
}
