namespace SearchEngine.Cluster.Tests;

/// <summary>
/// What the rebalancing tests share: a patient sharded search with two replicas per shard, queries with their exact
/// answers, a load that checks every answer, and the checks that the replicas are placed and the answers exact.
/// </summary>
internal sealed class RebalancingScenario
{
    public const int Replicas = 2;
    private const int Ef = 1000;
    private const int K = 10;

    private readonly ClusterFixture _fixture;
    private readonly ShardedSearch _search;
    private readonly float[][] _queries;
    private readonly long[][] _expected;

    private RebalancingScenario(ClusterFixture fixture, ShardedSearch search, float[][] queries, long[][] expected)
    {
        _fixture = fixture;
        _search = search;
        _queries = queries;
        _expected = expected;
    }

    /// <summary>16 queries from <paramref name="seed"/> with their exact top-10, once every replica is placed.</summary>
    public static async Task<RebalancingScenario> CreateAsync(ClusterFixture fixture, int seed)
    {
        // Patient enough that a loaded test machine does not time out a healthy replica; a moving replica that does not
        // answer in time is replaced by its shard's other replica, which is what the tests check is always there.
        var search = fixture.Search(new ShardedSearchOptions
        {
            Replicas = Replicas,
            ReplicaTimeout = TimeSpan.FromSeconds(3),
            ShardTimeout = TimeSpan.FromSeconds(20),
        });
        var live = await TestCollection.LiveSegmentsAsync(fixture.DataSource, fixture.Collection.Id);
        var random = new Random(seed);
        var queries = Enumerable.Range(0, 16).Select(_ => TestCollection.Vector(random)).ToArray();
        var expected = queries.Select(q => TestCollection.ExactTop(live, q, K)).ToArray();
        await Placement.WaitAsync(fixture, Replicas, TimeSpan.FromSeconds(60));
        return new RebalancingScenario(fixture, search, queries, expected);
    }

    /// <summary>Closed-loop queries until stopped, each checked to be complete and exact.</summary>
    public ExactQueryLoad StartLoad() => new(_search, _fixture.Collection, _queries, _expected, K, Ef);

    /// <summary>Waits until every replica runs where the placement puts it over the silos now.</summary>
    public Task<ShardReplicaStatus[]> PlacedAsync() => Placement.WaitAsync(_fixture, Replicas, TimeSpan.FromSeconds(90));

    /// <summary>Every query answers complete and exact, one at a time.</summary>
    public async Task AssertExactAsync()
    {
        for (var i = 0; i < _queries.Length; i++)
        {
            var result = await _search.SearchAsync(_fixture.Collection, _queries[i], K, Ef);
            Assert.False(result.Partial);
            Assert.Equal(_expected[i], result.Hits.Select(h => h.SegmentId).ToArray());
        }
    }

    /// <summary>A shard's replicas sit on as many silos as it has replicas.</summary>
    public static void AssertReplicasApart(IEnumerable<ShardReplicaStatus> placed) =>
        Assert.All(placed.GroupBy(status => ShardReplicaKey.Parse(status.Key).Shard.Index), shard => Assert.Equal(Replicas, shard.Select(s => s.Silo).Distinct().Count()));
}
