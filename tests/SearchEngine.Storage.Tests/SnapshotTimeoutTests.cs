using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

/// <summary>
/// The API's statement timeout must not cut a rebuild short: a snapshot is one statement that lasts as long as its
/// reader takes to insert the vectors, so snapshot reads lift the timeout for their own transaction.
/// </summary>
public sealed class SnapshotTimeoutTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Dimension = 1024;

    [Fact]
    public async Task A_slowly_consumed_snapshot_outlives_the_statement_timeout_of_its_data_source()
    {
        long collectionId;
        await using (var owner = await TestStorage.OpenAsync(database))
        {
            var collection = await TestStorage.CollectionAsync(owner, "slow-reader", Dimension);
            var random = new Random(2);
            // 8 MB of vectors: more than the socket buffers hold, so the server really waits on the slow reader.
            await new DocumentStore(owner).WriteAsync(collection, Enumerable.Range(0, 2000).Select(i => TestStorage.Document($"{i}.jpg", $"slow-{i}", TestStorage.Whole(random, Dimension))).ToList());
            collectionId = collection.Id;
        }

        var services = new ServiceCollection().AddSearchEngineStorage(o =>
        {
            o.ConnectionString = database.ConnectionString;
            o.StatementTimeout = TimeSpan.FromMilliseconds(300);
        });
        await using var provider = services.BuildServiceProvider();
        var segments = provider.GetRequiredService<SegmentStore>();
        var started = DateTime.UtcNow;
        var read = 0;
        await using (var snapshot = await segments.OpenSnapshotAsync(collectionId))
        {
            await snapshot.ForEachAsync((_, _) =>
            {
                if (++read % 100 == 0)
                {
                    Thread.Sleep(100);
                }
            });
        }

        Assert.Equal(2000, read);
        Assert.True(DateTime.UtcNow - started > TimeSpan.FromSeconds(1.5), "the reader was slower than the timeout");
        var catalogue = await segments.ReadCatalogueAsync(collectionId);
        Assert.Equal(2000, catalogue.Segments.Count);
    }
}
