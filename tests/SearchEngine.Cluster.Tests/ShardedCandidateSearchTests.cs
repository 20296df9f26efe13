using Microsoft.Extensions.Options;
using SearchEngine.Core.Vectors;
using SearchEngine.Retrieval.Candidates;
using SearchEngine.Retrieval.Ranking;
using SearchEngine.Serving;

namespace SearchEngine.Cluster.Tests;

/// <summary>
/// The query pipeline's vector stage over a four-shard collection: through the shards it ranks the same documents as
/// the single-node stage over the whole collection, and a shard that does not answer makes the candidates partial.
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
    public async Task A_shard_that_does_not_answer_makes_the_candidates_partial()
    {
        var folder = TestCollection.TemporaryFolder();
        try
        {
            using var whole = await TestCollection.CollectionLoader(fixture.DataSource, folder).OpenForQueriesAsync(fixture.Collection);
            // A collection unknown to PostgreSQL: every replica's activation fails, as on a silo that lost its shard.
            var served = new ServedCollection(fixture.Collection with { Name = "no-such-sharded-collection" }, whole.Index, Catalogue(whole), null, null, null);
            var quick = new ShardedSearchOptions { Replicas = 2, ShardTimeout = TimeSpan.FromSeconds(5), ReplicaTimeout = TimeSpan.FromSeconds(2) };
            ICandidateSearch sharded = new ShardedCandidateSearch(new ShardedSearch(fixture.Cluster.Client, Options.Create(quick)), new LocalCandidateSearch());

            var result = await sharded.SearchAsync(served, TestCollection.Vector(new Random(5)), Candidates, new VectorSearchOptions { Ef = Ef });

            Assert.True(result.Partial);
            Assert.Equal([0, 1, 2, 3], result.MissingShards);
            Assert.Empty(result.Hits);
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
