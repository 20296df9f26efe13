using SearchEngine.Embeddings.Towers;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.Retrieval.Tests;

public sealed class TextQueryBatcherTests
{
    [Fact]
    public async Task A_lone_query_is_embedded_at_once_on_its_own()
    {
        using var tower = new RecordingTower(exact: true);
        var batcher = new TextQueryBatcher(tower, maxBatch: 4, maxRuns: 1);

        var vector = await batcher.EmbedAsync("dog");

        Assert.Equal(new float[] { 3 }, vector);
        Assert.Equal([["dog"]], tower.Calls);
    }

    [Fact]
    public async Task Queries_that_arrive_during_a_run_share_the_next_one_and_each_gets_its_own_vector()
    {
        using var tower = new RecordingTower(exact: true) { Gate = new ManualResetEventSlim() };
        var batcher = new TextQueryBatcher(tower, maxBatch: 2, maxRuns: 1);

        var first = Task.Run(() => batcher.EmbedAsync("a"));
        Assert.True(tower.Started.Wait(TimeSpan.FromSeconds(30)));
        var queued = new[] { batcher.EmbedAsync("bb"), batcher.EmbedAsync("ccc"), batcher.EmbedAsync("dddd") };
        tower.Gate.Set();

        Assert.Equal(new float[] { 1 }, await first);
        Assert.Equal([[2f], [3f], [4f]], await Task.WhenAll(queued));
        // The run slot passed from run to run: "a" alone, then the queued texts two at a time, in arrival order.
        Assert.Equal([["a"], ["bb", "ccc"], ["dddd"]], tower.Calls);
    }

    [Fact]
    public async Task A_tower_error_reaches_every_query_of_the_run_and_the_next_query_runs_again()
    {
        using var tower = new RecordingTower(exact: true) { Fail = true };
        var batcher = new TextQueryBatcher(tower, maxBatch: 4, maxRuns: 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.EmbedAsync("dog"));
        tower.Fail = false;
        Assert.Equal(new float[] { 3 }, await batcher.EmbedAsync("cat"));
    }

    [Fact]
    public async Task A_tower_whose_vectors_depend_on_the_batch_embeds_each_query_alone()
    {
        using var tower = new RecordingTower(exact: false);
        var batcher = new TextQueryBatcher(tower, maxBatch: 4, maxRuns: 1);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => batcher.EmbedAsync(new string('x', i + 1)))));

        Assert.Equal(8, tower.Calls.Count);
        Assert.All(tower.Calls, call => Assert.Single(call));
    }

    /// <summary>Embeds a text as its length; records each call's texts; can hold its first call until released.</summary>
    private sealed class RecordingTower(bool exact) : ITextTower
    {
        private readonly Lock _gate = new();
        private readonly List<string[]> _calls = [];

        public ManualResetEventSlim? Gate { get; init; }

        public ManualResetEventSlim Started { get; } = new();

        public bool Fail { get; set; }

        public int Dimension => 1;

        public bool BatchesExactly => exact;

        public List<string[]> Calls
        {
            get
            {
                lock (_gate)
                {
                    return [.. _calls];
                }
            }
        }

        public float[][] Embed(IReadOnlyList<string> texts)
        {
            lock (_gate)
            {
                _calls.Add([.. texts]);
            }

            Started.Set();
            Gate?.Wait(TimeSpan.FromSeconds(30));
            return Fail ? throw new InvalidOperationException("tower failed") : [.. texts.Select(t => new float[] { t.Length })];
        }

        public void Dispose()
        {
            Started.Dispose();
            Gate?.Dispose();
        }
    }
}
