using System.Threading.Channels;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>Reads channels a batch at a time: waits for one item, then takes what is already there, up to a limit.</summary>
internal static class ChannelBatches
{
    /// <summary>
    /// Up to <paramref name="maxCount"/> items: waits until at least one is available, then drains without waiting, so
    /// a slow producer never holds a partial batch back. Returns an empty list once the channel is complete and empty.
    /// </summary>
    public static async Task<List<T>> ReadBatchAsync<T>(this ChannelReader<T> reader, int maxCount, CancellationToken cancellationToken)
    {
        var batch = new List<T>(Math.Min(maxCount, 256));
        while (batch.Count == 0 && await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (batch.Count < maxCount && reader.TryRead(out var item))
            {
                batch.Add(item);
            }
        }

        return batch;
    }

    /// <summary>A bounded channel whose writers wait when it is full: the back-pressure that keeps memory flat.</summary>
    public static Channel<T> Bounded<T>(int capacity, bool singleReader, bool singleWriter) =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(Math.Max(1, capacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = singleReader,
            SingleWriter = singleWriter,
        });
}
