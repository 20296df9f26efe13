using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Housekeeping;
using SearchEngine.Storage.Segments;
using SearchEngine.Storage.Serving;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests.Housekeeping;

/// <summary>Pruning keeps what recently seen serving copies need, and a copy behind the pruned horizon is told to rebuild.</summary>
public sealed class ChangeLogPruningTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Dimension = 4;

    [Fact]
    public async Task Pruning_stops_at_the_slowest_recent_copy_and_a_copy_behind_the_horizon_must_rebuild()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "prune", Dimension);
        var documents = new DocumentStore(dataSource);
        var segments = new SegmentStore(dataSource);
        var copies = new ServingCopyStore(dataSource);
        var random = new Random(3);
        await documents.WriteAsync(collection, Enumerable.Range(0, 6).Select(i => TestStorage.Document($"{i}.jpg", $"c{i}", TestStorage.Whole(random, Dimension))).ToList());
        var slow = await segments.GetLastSequenceAsync(collection.Id);
        await documents.DeleteAsync(collection.Id, ["0.jpg", "1.jpg"]);
        await documents.WriteAsync(collection, [TestStorage.Document("6.jpg", "c6", TestStorage.Whole(random, Dimension))]);
        var newest = await segments.GetLastSequenceAsync(collection.Id);
        await copies.RecordAsync("slow", collection.Id, slow);
        await copies.RecordAsync("fast", collection.Id, newest);

        var pruner = new ChangeLogPruner(dataSource, Options.Create(new HousekeepingOptions { ServingCopyHorizon = TimeSpan.FromHours(1) }));
        Assert.Equal(6, await pruner.PruneAsync());

        // The slow copy still replays everything it lacks, the deletes included.
        var rest = await segments.ReadChangesAsync(collection.Id, slow);
        Assert.Equal(3, rest.Changes.Count);
        Assert.Equal(newest, await segments.GetLastSequenceAsync(collection.Id));

        // Not seen for longer than the horizon, it no longer holds pruning back…
        await using (var age = dataSource.CreateCommand("UPDATE serving_copies SET seen_at = now() - interval '2 hours' WHERE copy_id = 'slow'"))
        {
            await age.ExecuteNonQueryAsync();
        }

        Assert.Equal(3, await pruner.PruneAsync());
        Assert.Equal(newest, await copies.GetPrunedThroughAsync(collection.Id));
        Assert.Equal(newest, await segments.GetLastSequenceAsync(collection.Id));
        Assert.Empty((await segments.ReadChangesAsync(collection.Id, newest)).Changes);

        // …and when it comes back it is refused a replay with holes (it would keep 0.jpg and 1.jpg as ghosts).
        var refused = await Assert.ThrowsAsync<ChangeLogPrunedException>(() => segments.ReadChangesAsync(collection.Id, slow));
        Assert.Equal(newest, refused.PrunedThrough);

        // A snapshot taken now is at the horizon, so a copy rebuilt from it replays on without being refused.
        await using var snapshot = await segments.OpenSnapshotAsync(collection.Id);
        Assert.Equal(newest, snapshot.LastSequence);
        Assert.Equal(5, snapshot.Count);
    }

    [Fact]
    public async Task A_deleted_collections_log_and_serving_records_are_pruned_whole()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "prune-dropped", Dimension);
        await new DocumentStore(dataSource).WriteAsync(collection, [TestStorage.Document("a.jpg", "dropped-a", TestStorage.Whole(new Random(4), Dimension))]);
        await new ServingCopyStore(dataSource).RecordAsync("api", collection.Id, 0);
        await using (var drop = dataSource.CreateCommand($"DELETE FROM collections WHERE id = {collection.Id}"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await new ChangeLogPruner(dataSource, Options.Create(new HousekeepingOptions())).PruneAsync();

        Assert.Equal(0L, await ScalarAsync(dataSource, $"SELECT count(*) FROM segment_changes WHERE collection_id = {collection.Id}"));
        Assert.Equal(0L, await ScalarAsync(dataSource, $"SELECT count(*) FROM serving_copies WHERE collection_id = {collection.Id}"));
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
