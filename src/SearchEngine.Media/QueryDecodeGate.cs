using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SearchEngine.Media;

/// <summary>
/// Bounds how many query uploads are decoded and embedded at once (<see cref="MediaOptions.MaxConcurrentQueryDecodes"/>)
/// and how many may wait (<see cref="MediaOptions.QueryDecodeQueueLength"/>): beyond that a request is refused at once
/// with <see cref="MediaBusyException"/> rather than queued without end, so a burst of uploads slows nothing else and
/// holds no unbounded memory. A <see cref="ConcurrencyLimiter"/> from System.Threading.RateLimiting does the counting.
/// </summary>
public sealed class QueryDecodeGate : IDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    private readonly ConcurrencyLimiter _limiter;

    /// <summary>Sized from <paramref name="options"/>.</summary>
    public QueryDecodeGate(IOptions<MediaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.MaxConcurrentQueryDecodes > 0 ? options.Value.MaxConcurrentQueryDecodes : Environment.ProcessorCount,
            QueueLimit = Math.Max(0, options.Value.QueryDecodeQueueLength),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    /// <exception cref="MediaBusyException">Every slot is taken and the queue is full.</exception>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        throw new MediaBusyException(RetryAfter);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
