using SearchEngine.Core;
using SearchEngine.Core.Vectors;
using SearchEngine.Storage.Collections;
using Xunit.Abstractions;

namespace SearchEngine.Cluster.Tests;

/// <summary>
/// On a generated 100k-segment collection, where an approximate search does miss neighbours, the fan-out over four
/// shards is at least as good as one node searching the whole collection at the same ef (within 0.01 recall@10).
/// </summary>
public sealed class ShardedRecallTests(ClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private const int Segments = 100_000;
    private const int Queries = 200;
    private const int K = 10;

    // Low enough that one node misses neighbours on 100k random vectors, so the comparison can fail.
    private const int Ef = 16;

    [Fact]
    public async Task Four_shards_keep_the_single_node_recall_at_10_on_a_generated_100k_set()
    {
        var collection = await CreateAsync();
        var search = fixture.Search(new ShardedSearchOptions
        {
            Replicas = 2,
            ShardTimeout = TimeSpan.FromSeconds(60),
            ReplicaTimeout = TimeSpan.FromSeconds(30),
        });
        var folder = TestCollection.TemporaryFolder();
        try
        {
            using var whole = await TestCollection.CollectionLoader(fixture.DataSource, folder).OpenAsync(collection);
            var live = await TestCollection.LiveSegmentsAsync(fixture.DataSource, collection.Id);
            Assert.Equal(Segments, live.Count);
            var ids = live.Keys.ToArray();
            var vectors = ids.Select(id => live[id]).ToArray();

            await OpenReplicasAsync(search, collection);
            var random = new Random(2024);
            int singleFound = 0, shardedFound = 0;
            for (var q = 0; q < Queries; q++)
            {
                var query = TestCollection.Vector(random);
                var exact = ExactTop(ids, vectors, query).ToHashSet();
                var single = whole.Index.Search(query, K, new VectorSearchOptions { Ef = Ef });
                var sharded = await search.SearchAsync(collection, query, K, Ef);

                Assert.False(sharded.Partial);
                singleFound += single.Count(h => exact.Contains(h.Id));
                shardedFound += sharded.Hits.Count(h => exact.Contains(h.SegmentId));
            }

            var singleRecall = singleFound / (double)(Queries * K);
            var shardedRecall = shardedFound / (double)(Queries * K);
            output.WriteLine($"recall@10 at ef {Ef} over {Segments} segments: one node {singleRecall:F4}, 4 shards {shardedRecall:F4}");
            Assert.InRange(singleRecall, 0.5, 0.995);
            Assert.True(shardedRecall >= singleRecall - 0.01, $"4 shards: recall@10 {shardedRecall:F4}; one node: {singleRecall:F4}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<CollectionInfo> CreateAsync()
    {
        var collection = await TestCollection.CreateAsync(fixture.DataSource, "recall100k", ClusterFixture.Shards, documents: 0, seed: 0);
        var random = new Random(5);
        var documents = new Storage.Documents.DocumentStore(fixture.DataSource);
        const int batch = 5_000;
        for (var first = 0; first < Segments / 2; first += batch)
        {
            var writes = Enumerable.Range(first, batch)
                .Select(i => TestCollection.Document($"{i}.jpg", $"recall-{i}", TestCollection.Vector(random), TestCollection.Vector(random)))
                .ToList();
            await documents.WriteAsync(collection, writes);
        }

        return collection;
    }

    /// <summary>
    /// Activates every replica first: each builds its 25k-segment shard from PostgreSQL, which on a busy machine can
    /// outlast a client call's response timeout; a timed-out call leaves the activation running, so it is asked again.
    /// </summary>
    private static async Task OpenReplicasAsync(ShardedSearch search, CollectionInfo collection)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        for (var shard = 0; shard < ClusterFixture.Shards; shard++)
        {
            for (var replica = 0; replica < 2; replica++)
            {
                var key = new ShardReplicaKey(collection.Name, new Core.Sharding.Shard(shard, ClusterFixture.Shards), replica);
                while (true)
                {
                    try
                    {
                        await search.Replica(key).CatchUpAsync();
                        break;
                    }
                    catch (TimeoutException) when (DateTime.UtcNow < deadline)
                    {
                    }
                }
            }
        }
    }

    /// <summary>The exact top-k by cosine similarity (the vectors are not normalized), by brute force.</summary>
    private static IEnumerable<long> ExactTop(long[] ids, float[][] vectors, float[] query)
    {
        var scores = new double[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            double dot = 0, norm = 0;
            var v = vectors[i];
            for (var d = 0; d < v.Length; d++)
            {
                dot += v[d] * query[d];
                norm += v[d] * v[d];
            }

            scores[i] = dot / Math.Sqrt(norm);
        }

        return Enumerable.Range(0, ids.Length).OrderByDescending(i => scores[i]).ThenBy(i => ids[i]).Take(K).Select(i => ids[i]);
    }
}
