using Microsoft.Extensions.Options;
using SearchEngine.Core.Vectors;
using SearchEngine.Retrieval.Candidates;
using SearchEngine.Retrieval.Ranking;
using SearchEngine.Serving;

namespace SearchEngine.Cluster.Tests;

/// <summary>
/// The query pipeline's vector stage over a four-shard collection: through the shards it ranks the same documents as
/// the single-node stage over the whole collection, and a shard that does not answer makes the candidates partial, exact over the shards that did.
/// </summary>
public sealed class ShardedCandidateSearchTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    // Above any shard's size, so every graph search is exhaustive and the rankings cannot differ by graph shape.
    private const int Ef = 1000;
    private const int Candidates = 40;

    private static readonly ShardedSearchOptions Patient = new()
    {
        Replicas = 2,
        ShardTimeout = TimeSpan.FromSeconds(30),
        ReplicaTimeout = TimeSpan.FromSeconds(15),
    };

    [Fact]
    public async Task Sharded_candidates_rank_the_same_documents_as_the_single_node_copy()
    {
        var folder = TestCollection.TemporaryFolder();
        try
        {
            using var whole = await TestCollection.CollectionLoader(fixture.DataSource, folder).OpenForQueriesAsync(fixture.Collection);
            Assert.Equal(ClusterFixture.Shards, fixture.Collection.ShardCount);
            var served = new ServedCollection(fixture.Collection, whole.Index, Catalogue(whole), null, null, null);
            var local = new LocalCandidateSearch();
            ICandidateSearch sharded = new ShardedCandidateSearch(fixture.Search(Patient), local);
            var random = new Random(11);
            for (var query = 0; query < 6; query++)
            {
                var vector = TestCollection.Vector(random);
                var options = new VectorSearchOptions { Ef = Ef };

                var single = await local.SearchAsync(served, vector, Candidates, options);
                var fanned = await sharded.SearchAsync(served, vector, Candidates, options);

                Assert.False(fanned.Partial);
                Assert.Equal(single.Hits.Select(h => h.Id), fanned.Hits.Select(h => h.Id));
                Assert.Equal(Documents(served, single), Documents(served, fanned));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_shard_that_does_not_answer_makes_the_candidates_partial_with_the_other_shards_results()
    {
        var folder = TestCollection.TemporaryFolder();
        try
        {
            using var whole = await TestCollection.CollectionLoader(fixture.DataSource, folder).OpenForQueriesAsync(fixture.Collection);
            var served = new ServedCollection(fixture.Collection, whole.Index, Catalogue(whole), null, null, null);
            var live = await TestCollection.LiveSegmentsAsync(fixture.DataSource, fixture.Collection.Id);
            var vector = TestCollection.Vector(new Random(5));
            var options = new VectorSearchOptions { Ef = Ef };
            var warm = fixture.Search(Patient);
            Assert.False((await new ShardedCandidateSearch(warm, new LocalCandidateSearch()).SearchAsync(served, vector, Candidates, options)).Partial);

            // Shard 3's replicas go away and cannot come back while collections is locked (their activation looks the
            // collection up first), as when their silo died and their copies take minutes to reopen elsewhere.
            const int Lost = ClusterFixture.Shards - 1;
            for (var replica = 0; replica < Patient.Replicas; replica++)
            {
                await warm.Replica(new ShardReplicaKey(fixture.Collection.Name, new Core.Sharding.Shard(Lost, ClusterFixture.Shards), replica)).DeactivateAsync();
            }

            await using var loading = await fixture.DataSource.OpenConnectionAsync();
            await using var transaction = await loading.BeginTransactionAsync();
            await using (var lockCollections = new Npgsql.NpgsqlCommand("LOCK TABLE collections IN ACCESS EXCLUSIVE MODE", loading, transaction))
            {
                await lockCollections.ExecuteNonQueryAsync();
            }

            var quick = new ShardedSearchOptions { Replicas = 2, ShardTimeout = TimeSpan.FromSeconds(3), ReplicaTimeout = TimeSpan.FromSeconds(1) };
            ICandidateSearch sharded = new ShardedCandidateSearch(fixture.Search(quick), new LocalCandidateSearch());
            var result = await sharded.SearchAsync(served, vector, Candidates, options);
            await transaction.RollbackAsync();

            Assert.True(result.Partial);
            Assert.Equal([Lost], result.MissingShards);
            var answered = live.Where(pair => Core.Sharding.ShardRouting.ShardOf(pair.Key, ClusterFixture.Shards) != Lost)
                .ToDictionary(pair => pair.Key, pair => pair.Value);
            Assert.Equal(TestCollection.ExactTop(answered, vector, Candidates), result.Hits.Select(h => h.Id).ToArray());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Collections.CollectionCatalogue Catalogue(Collections.CollectionIndex index) =>
        index.Catalogue ?? throw new InvalidOperationException("The copy was opened without its catalogue.");

    private static long[] Documents(ServedCollection served, CandidateSet candidates) =>
        DocumentAggregation.MaxPerDocument(candidates.Hits.Select(h =>
                served.Catalogue.TryGetSegment(h.Id, out var at)
                    ? new SegmentHit(h.Id, at.DocumentId, at.Kind, at.Start, at.End, h.Similarity)
                    : throw new InvalidOperationException($"Segment {h.Id} is not in the catalogue.")))
            .Select(d => d.DocumentId)
            .ToArray();
}
