using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Collections;
using SearchEngine.Core.Vectors;
using SearchEngine.Index;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Housekeeping;
using SearchEngine.Storage.Serving;
using SearchEngine.Testing;

namespace SearchEngine.Ingestion.Tests.Serving;

/// <summary>Serving copies under faults: a full disk, a file from another database, a pruned change log.</summary>
public sealed class ServingCopyFaultTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_full_disk_on_save_is_logged_once_and_tolerated_without_a_rebuild_loop()
    {
        using var disk = FullDisk.Create();
        await using var harness = await Harness.CreateAsync(database.ConnectionString, indexFolder: disk.Folder);
        await using var data = NpgsqlDataSource.Create(database.ConnectionString);
        var collection = await VectorCollection.CreateAsync(data, "full-disk", 30);
        var loader = harness.Get<CollectionIndexLoader>();

        using var copy = await loader.OpenForQueriesAsync(collection);
        Assert.Equal(30, copy.Index.Count);
        Assert.Single(harness.Logs, l => l.Contains("Could not save the index of collection 'full-disk'", StringComparison.Ordinal));
        Assert.False(File.Exists(copy.FilePath));
        Assert.Empty(Directory.EnumerateFiles(disk.Folder, "*.tmp-*"));

        // The copy keeps serving and catching up from memory; nothing opens or rebuilds it again.
        for (var round = 0; round < 5; round++)
        {
            await VectorCollection.WriteAsync(data, collection, [$"full-disk/late-{round}.jpg"], seed: 100 + round);
            Assert.Equal(1, await copy.CatchUpAsync());
        }

        Assert.Equal(35, copy.Index.Count);
        Assert.Equal(1, loader.Rebuilds);
        Assert.False(copy.Save(), "a save on the full disk reports failure instead of throwing");
        Assert.Equal(2, harness.Logs.Count(l => l.Contains("Could not save the index", StringComparison.Ordinal)));
        Assert.Equal(1, loader.Rebuilds);
        if (disk.IsOutOfSpace)
        {
            Assert.Contains(harness.Logs, l => l.Contains("No space left on device", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task An_index_file_from_another_database_with_the_same_collection_is_rebuilt_not_loaded()
    {
        var other = new PostgresDatabase();
        await other.InitializeAsync();
        try
        {
            await using var harness = await Harness.CreateAsync(database.ConnectionString);
            await using var otherHarness = await Harness.CreateAsync(other.ConnectionString);
            await using var data = NpgsqlDataSource.Create(database.ConnectionString);
            await using var otherData = NpgsqlDataSource.Create(other.ConnectionString);
            var mine = await VectorCollection.CreateAsync(data, "twin", 10, seed: 1);
            // The other database's collection has the same name and, fresh as both are, possibly the same id; other vectors.
            var theirs = await VectorCollection.CreateAsync(otherData, "twin", 25, seed: 2);
            string theirFile;
            using (var copy = await otherHarness.Get<CollectionIndexLoader>().OpenAsync(theirs))
            {
                theirFile = copy.FilePath;
            }

            var loader = harness.Get<CollectionIndexLoader>();
            File.Copy(theirFile, loader.FilePathOf(mine), overwrite: true);
            using var opened = await loader.OpenAsync(mine);

            Assert.Equal(1, loader.Rebuilds);
            Assert.Contains(harness.Logs, l => l.Contains("was copied from elsewhere", StringComparison.Ordinal) && l.Contains("rebuilding it from PostgreSQL", StringComparison.Ordinal));
            var live = await VectorCollection.LiveSegmentIdsAsync(data, mine.Id);
            Assert.Equal(live.Count, opened.Index.Count);
            Assert.All(live, id => Assert.True(opened.Index.Contains(id)));
            Assert.Equal(await loader.OriginOfAsync(mine), ((HnswIndex)opened.Index).Origin);
            Assert.NotEqual(await harness.Get<ServingCopyStore>().GetDatabaseIdAsync(), await otherHarness.Get<ServingCopyStore>().GetDatabaseIdAsync());
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_copy_the_change_log_was_pruned_past_is_refused_a_replay_and_reopens_without_ghost_vectors()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        await using var data = NpgsqlDataSource.Create(database.ConnectionString);
        var collection = await VectorCollection.CreateAsync(data, "lagging", 20);
        var loader = harness.Get<CollectionIndexLoader>();
        var copies = harness.Get<ServingCopyStore>();
        using var lagging = await loader.OpenForQueriesAsync(collection);
        await copies.RecordAsync("lagging-api", collection.Id, lagging.Index.LastSequence);
        await copies.RecordAsync("current-api", collection.Id, lagging.Index.LastSequence);

        // Deletes and inserts the lagging copy does not apply, while the current one follows and records them.
        var deleted = Enumerable.Range(0, 8).Select(i => $"lagging/{i}.jpg").ToList();
        var deletedIds = (await VectorCollection.LiveSegmentIdsAsync(data, collection.Id)).Order().Take(8).ToHashSet();
        await new DocumentStore(data).DeleteAsync(collection.Id, deleted);
        await VectorCollection.WriteAsync(data, collection, ["lagging/new.jpg"], seed: 9);
        using (var current = await loader.OpenForQueriesAsync(collection))
        {
            await copies.RecordAsync("current-api", collection.Id, current.Index.LastSequence);
        }

        await using (var age = data.CreateCommand("UPDATE serving_copies SET seen_at = now() - interval '3 days' WHERE copy_id = 'lagging-api'"))
        {
            await age.ExecuteNonQueryAsync();
        }

        var pruned = await new ChangeLogPruner(data, Options.Create(new HousekeepingOptions { ServingCopyHorizon = TimeSpan.FromDays(1) })).PruneAsync();
        Assert.True(pruned >= 9, $"pruned {pruned}");

        await Assert.ThrowsAsync<ChangeLogPrunedException>(() => lagging.CatchUpAsync());
        Assert.All(deletedIds, id => Assert.True(lagging.Index.Contains(id), "the refused copy applied nothing partial"));

        // Its file (saved at the old sequence when it was built) is older than the horizon: reopening rebuilds.
        File.Copy(lagging.FilePath, lagging.FilePath + ".old", overwrite: true);
        using (var old = HnswIndex.Load(lagging.FilePath + ".old"))
        {
            old.Save(lagging.FilePath);
        }

        var rebuilds = loader.Rebuilds;
        using var reopened = await loader.OpenForQueriesAsync(collection);
        Assert.Equal(rebuilds + 1, loader.Rebuilds);
        var live = await VectorCollection.LiveSegmentIdsAsync(data, collection.Id);
        Assert.Equal(live.Count, reopened.Index.Count);
        Assert.All(deletedIds, id => Assert.False(reopened.Index.Contains(id), $"ghost vector {id} served after the rebuild"));
        Assert.All(live, id => Assert.True(reopened.Index.Contains(id)));
    }

    [Fact]
    public async Task Compaction_under_concurrent_search_never_fails_a_search_nor_returns_a_deleted_segment()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        await using var data = NpgsqlDataSource.Create(database.ConnectionString);
        var collection = await VectorCollection.CreateAsync(data, "compact", 2000);
        using var copy = await harness.Get<CollectionIndexLoader>().OpenForQueriesAsync(collection);
        var all = (await VectorCollection.LiveSegmentIdsAsync(data, collection.Id)).Order().ToList();
        await new DocumentStore(data).DeleteAsync(collection.Id, Enumerable.Range(0, 1000).Select(i => $"compact/{i}.jpg").ToList());
        await copy.CatchUpAsync();
        var live = await VectorCollection.LiveSegmentIdsAsync(data, collection.Id);
        var deleted = all.Where(id => !live.Contains(id)).ToHashSet();
        Assert.Equal(1000, deleted.Count);
        var hnsw = (HnswIndex)copy.Index;
        Assert.Equal(2000, hnsw.NodeCount);

        using var stop = new CancellationTokenSource();
        var searches = 0L;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var allowList = all.Where((_, i) => i % 20 == 0).ToHashSet();
        var searchers = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // Half the searches go through an allow-list naming deleted and live ids alike (the filtered path).
                    var options = worker % 2 == 0 ? null : new VectorSearchOptions { AllowList = allowList };
                    foreach (var hit in copy.Index.Search(VectorCollection.Vector(random), 20, options))
                    {
                        if (deleted.Contains(hit.Id))
                        {
                            failures.Enqueue($"deleted segment {hit.Id} returned");
                        }
                    }

                    Interlocked.Increment(ref searches);
                }
                catch (Exception e)
                {
                    failures.Enqueue(e.ToString());
                }
            }
        })).ToList();

        await Task.Delay(100);
        var before = Interlocked.Read(ref searches);
        Assert.Equal(0, await copy.CompactIfWorthwhileAsync(0.9, 1));
        var reclaimed = await copy.CompactIfWorthwhileAsync(0.2, 100);
        var during = Interlocked.Read(ref searches) - before;
        await Task.Delay(100);
        await stop.CancelAsync();
        await Task.WhenAll(searchers);

        Assert.Equal(1000, reclaimed);
        Assert.Equal(1000, hnsw.NodeCount);
        Assert.Empty(failures);
        Assert.True(during > 0, "searches ran while the compaction did");
        Assert.All(live, id => Assert.True(copy.Index.Contains(id)));
    }
}
