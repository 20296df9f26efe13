using Microsoft.Extensions.Options;

namespace SearchEngine.Media;

/// <summary>
/// Bounds how many query uploads are decoded and embedded at once (<see cref="MediaOptions.MaxConcurrentQueryDecodes"/>)
/// and how many may wait (<see cref="MediaOptions.QueryDecodeQueueLength"/>): beyond that a request is refused at once
/// with <see cref="MediaBusyException"/> rather than queued without end, so a burst of uploads slows nothing else and
/// holds no unbounded memory.
/// </summary>
public sealed class QueryDecodeGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _queueLength;
    private int _waiting;

    /// <summary>Sized from <paramref name="options"/>.</summary>
    public QueryDecodeGate(IOptions<MediaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var slots = options.Value.MaxConcurrentQueryDecodes > 0 ? options.Value.MaxConcurrentQueryDecodes : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(slots, slots);
        _queueLength = Math.Max(0, options.Value.QueryDecodeQueueLength);
    }

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    /// <exception cref="MediaBusyException">Every slot is taken and the queue is full.</exception>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            if (Interlocked.Increment(ref _waiting) > _queueLength)
            {
                Interlocked.Decrement(ref _waiting);
                throw new MediaBusyException(TimeSpan.FromSeconds(2));
            }

            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        return new Slot(_slots);
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
