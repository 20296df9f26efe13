using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Retrieval.Queries;

/// <summary>
/// Embeds concurrent text queries of one tower together. One ONNX run over a few short texts costs less CPU per text
/// than a run each (all-MiniLM-L6-v2, Flickr8k captions, one at a time on one thread: about a fifth less at 2–8 texts;
/// with eight in flight on two cores, 5–10 % less; docs/query-latency.md), and the text tower is most of a text query's
/// CPU. Only for towers whose vectors do not depend on their batch (<see cref="ITextTower.BatchesExactly"/>): a
/// query's vector is bit for bit what it would be alone, so results never depend on what else is in flight.
/// </summary>
/// <remarks>
/// A caller that finds fewer than <c>maxRuns</c> runs going embeds at once, on its own thread, with whatever is waiting:
/// a lone query waits for nothing. A caller that finds them all busy queues; when a run ends, the texts that queued
/// during it (up to <c>maxBatch</c>) become the next run, on a pool thread so the finishing caller's request goes on.
/// Each run is single-threaded under query-api's ONNX settings, so <c>maxRuns</c> is one per core.
/// </remarks>
public sealed class TextQueryBatcher
{
    private readonly ITextTower _tower;
    private readonly int _maxBatch;
    private readonly int _maxRuns;
    private readonly Lock _gate = new();
    private readonly Queue<Pending> _waiting = new();
    private int _runs;

    /// <summary>Batches <paramref name="tower"/>'s queries, at most <paramref name="maxBatch"/> a run and <paramref name="maxRuns"/> runs at once.</summary>
    public TextQueryBatcher(ITextTower tower, int maxBatch, int maxRuns)
    {
        ArgumentNullException.ThrowIfNull(tower);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRuns);
        _tower = tower;
        _maxBatch = maxBatch;
        _maxRuns = maxRuns;
    }

    /// <summary>The vector of <paramref name="text"/>, embedded alone or with concurrent queries.</summary>
    public Task<float[]> EmbedAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_maxBatch == 1 || !_tower.BatchesExactly)
        {
            return Task.FromResult(_tower.Embed([text])[0]);
        }

        var pending = new Pending(text);
        Pending[]? batch = null;
        lock (_gate)
        {
            _waiting.Enqueue(pending);
            if (_runs < _maxRuns)
            {
                _runs++;
                batch = TakeLocked();
            }
        }

        if (batch is not null)
        {
            Run(batch);
        }

        return pending.Task;
    }

    private void Run(Pending[] batch)
    {
        Pending[]? next = null;
        try
        {
            Embed(batch);
        }
        finally
        {
            lock (_gate)
            {
                if (_waiting.Count > 0)
                {
                    next = TakeLocked();
                }
                else
                {
                    _runs--;
                }
            }

            if (next is not null)
            {
                // The run slot passes to the queued texts; this caller's own vector is ready and its request goes on.
                ThreadPool.UnsafeQueueUserWorkItem(static state => state.Batcher.Run(state.Next), (Batcher: this, Next: next), preferLocal: false);
            }
        }
    }

    private void Embed(Pending[] batch)
    {
        try
        {
            var texts = new string[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                texts[i] = batch[i].Text;
            }

            var vectors = _tower.Embed(texts);
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i].Completion.TrySetResult(vectors[i]);
            }
        }
#pragma warning disable CA1031 // every waiting query gets the tower's error, whatever it is; none is swallowed
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
        }
    }

    private Pending[] TakeLocked()
    {
        var batch = new Pending[Math.Min(_maxBatch, _waiting.Count)];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = _waiting.Dequeue();
        }

        return batch;
    }

    /// <summary>A queued text and the task its query awaits; continuations never run on the embedding thread.</summary>
    private sealed class Pending(string text)
    {
        public string Text { get; } = text;

        public TaskCompletionSource<float[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<float[]> Task => Completion.Task;
    }
}
