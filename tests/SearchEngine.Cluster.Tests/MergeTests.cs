namespace SearchEngine.Cluster.Tests;

public sealed class MergeTests
{
    [Fact]
    public void The_merge_takes_the_best_k_over_all_shards_nearest_first_and_ties_by_segment_id()
    {
        var answers = new[]
        {
            new ShardAnswer(0, 0, [new ShardHit(10, 0.9f), new ShardHit(11, 0.5f)], 7, "a"),
            new ShardAnswer(1, 1, [new ShardHit(21, 0.95f), new ShardHit(20, 0.5f), new ShardHit(22, 0.1f)], 7, "b"),
            new ShardAnswer(2, 0, [], 7, "c"),
        };

        var merged = ShardedSearch.Merge(answers, 4);

        Assert.Equal([21L, 10, 11, 20], merged.Select(h => h.SegmentId));
    }
}
