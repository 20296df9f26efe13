using System.Collections.Concurrent;
using System.Diagnostics;
using SearchEngine.Core;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Cluster.Tests.Processes;

/// <summary>
/// One writer committing a document at a time through the indexer's write path (<see cref="DocumentStore.WriteAsync"/>),
/// at a steady rate until stopped. A document is acknowledged when its write returns; it is recorded with its segment,
/// its vector and the change-log sequence its write reached (the only writer, so the log's last sequence right after).
/// </summary>
internal sealed class AcknowledgedWriter : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentQueue<AcknowledgedDocument> _acknowledged = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writing;

    public AcknowledgedWriter(DocumentStore documents, SegmentStore segments, CollectionInfo collection, Stopwatch clock)
    {
        _writing = Task.Run(async () =>
        {
            var random = new Random(77);
            // A rate, not a wait for a condition: the point is writes before, during and after the kill, not throughput.
            using var pace = new PeriodicTimer(Period);
            for (var n = 0; await NextAsync(pace); n++)
            {
                var vector = TestCollection.Vector(random);
                var written = await documents.WriteAsync(collection, [TestCollection.Document($"acknowledged/{n}.jpg", $"acknowledged-{n}", vector)]);
                var sequence = await segments.GetLastSequenceAsync(collection.Id);
                _acknowledged.Enqueue(new AcknowledgedDocument(written.Documents[0].SegmentIds[0], vector, sequence, clock.Elapsed));
            }
        });
    }

    /// <summary>Every acknowledged document so far.</summary>
    public IReadOnlyList<AcknowledgedDocument> Acknowledged => _acknowledged.ToArray();

    /// <summary>Stops writing; rethrows what a write threw (PostgreSQL is not what this test kills).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        await _writing;
        _stop.Dispose();
    }

    private async Task<bool> NextAsync(PeriodicTimer pace)
    {
        try
        {
            return await pace.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>A document whose write returned: its one segment, the vector it holds, the sequence it was written at, and when.</summary>
internal sealed record AcknowledgedDocument(long SegmentId, float[] Vector, long Sequence, TimeSpan At);
