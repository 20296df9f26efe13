using System.Collections;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class InterruptedWriteTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Dimension = 8;

    [Fact]
    public async Task A_connection_killed_before_commit_leaves_the_previous_version_whole()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "killed", Dimension);
        var store = new DocumentStore(dataSource);
        var random = new Random(20);
        var before = await store.WriteAsync(collection, [TestStorage.Document("photo.jpg", "v1", TestStorage.Whole(random, Dimension), TestStorage.Whole(random, Dimension))]);
        var sequenceBefore = await new SegmentStore(dataSource).GetLastSequenceAsync(collection.Id);

        // The segments are enumerated inside the write's transaction, after the document row was updated and its
        // old segments deleted: kill the server process of that transaction there, as a crash would.
        var segments = new InterruptingSegments([TestStorage.Whole(random, Dimension)], () => TerminateOtherBackends(database.ConnectionString));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.WriteAsync(collection,
        [
            TestStorage.Document("new.jpg", "n", TestStorage.Whole(random, Dimension)),
            new DocumentWrite("photo.jpg", Modality.Image, TestStorage.Sha("v2"), 2, segments),
        ]));

        Assert.True(segments.Interrupted);
        await AssertUnchangedAsync(dataSource, collection, store, before, sequenceBefore);
    }

    [Fact]
    public async Task A_write_cancelled_before_commit_leaves_the_previous_version_whole()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "cancelled", Dimension);
        var store = new DocumentStore(dataSource);
        var random = new Random(21);
        var before = await store.WriteAsync(collection, [TestStorage.Document("photo.jpg", "v1", TestStorage.Whole(random, Dimension), TestStorage.Whole(random, Dimension))]);
        var sequenceBefore = await new SegmentStore(dataSource).GetLastSequenceAsync(collection.Id);

        using var cancellation = new CancellationTokenSource();
        var segments = new InterruptingSegments([TestStorage.Whole(random, Dimension)], cancellation.Cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WriteAsync(collection,
        [
            TestStorage.Document("new.jpg", "n", TestStorage.Whole(random, Dimension)),
            new DocumentWrite("photo.jpg", Modality.Image, TestStorage.Sha("v2"), 2, segments),
        ], cancellation.Token));

        Assert.True(segments.Interrupted);
        await AssertUnchangedAsync(dataSource, collection, store, before, sequenceBefore);
    }

    private static async Task AssertUnchangedAsync(NpgsqlDataSource dataSource, CollectionInfo collection, DocumentStore store, DocumentWriteResult before, long sequenceBefore)
    {
        var states = await store.CheckFilesAsync(collection.Id, [("photo.jpg", TestStorage.Sha("v1")), ("new.jpg", TestStorage.Sha("n"))]);
        Assert.Equal(FileState.Unchanged, states["photo.jpg"]);
        Assert.Equal(FileState.New, states["new.jpg"]);
        var live = await TestStorage.LiveSegmentsAsync(dataSource, collection.Id);
        Assert.Equal(before.Documents[0].SegmentIds.Order(), live.Keys.Order());
        Assert.Equal(sequenceBefore, await new SegmentStore(dataSource).GetLastSequenceAsync(collection.Id));
    }

    private static void TerminateOtherBackends(string connectionString)
    {
        using var admin = new NpgsqlConnection(connectionString + ";Pooling=false");
        admin.Open();
        using var kill = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'",
            admin);
        Assert.Equal(1L, kill.ExecuteScalar());
    }

    /// <summary>A document's segment list that runs <paramref name="interrupt"/> when the store enumerates it inside its transaction.</summary>
    private sealed class InterruptingSegments(IReadOnlyList<Segment> segments, Action interrupt) : IReadOnlyList<Segment>
    {
        public bool Interrupted { get; private set; }

        public int Count => segments.Count;

        public Segment this[int index] => segments[index];

        public IEnumerator<Segment> GetEnumerator()
        {
            Interrupted = true;
            interrupt();
            return segments.GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
