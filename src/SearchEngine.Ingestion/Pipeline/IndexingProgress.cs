using System.Collections.Concurrent;
using System.Diagnostics;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>
/// Live counters of a running job, updated by the pipeline's stages from several threads and read by progress
/// displays. Stage times are summed wall time inside each stage (parallel stages can exceed the elapsed time).
/// </summary>
public sealed class IndexingProgress
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly ConcurrentDictionary<string, long> _stageTicks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FileFailure> _failures = new();
    private long _discovered;
    private long _seen;
    private long _indexed;
    private long _skipped;
    private long _failed;
    private long _deleted;
    private long _segments;
    private int _discoveryDone;

    /// <summary>Files found so far by the folder walk or manifest.</summary>
    public long Discovered => Interlocked.Read(ref _discovered);

    /// <summary>Whether discovery has finished, so that <see cref="Discovered"/> is the total.</summary>
    public bool DiscoveryComplete => Volatile.Read(ref _discoveryDone) != 0;

    /// <summary>Files looked at (hashed, or rejected before hashing).</summary>
    public long Seen => Interlocked.Read(ref _seen);

    /// <summary>Files embedded and committed.</summary>
    public long Indexed => Interlocked.Read(ref _indexed);

    /// <summary>Files whose content was already indexed.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Files that could not be indexed (sidecars that could not be read are listed in <see cref="Failures"/> but not counted).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Documents removed because their files are gone.</summary>
    public long Deleted => Interlocked.Read(ref _deleted);

    /// <summary>Segments committed.</summary>
    public long Segments => Interlocked.Read(ref _segments);

    /// <summary>Files done one way or another (indexed, skipped or failed).</summary>
    public long Done => Indexed + Skipped + Failed;

    /// <summary>Time since the job started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>The failures so far, in the order they happened.</summary>
    public IReadOnlyList<FileFailure> Failures => _failures.ToArray();

    /// <summary>Seconds spent per stage so far.</summary>
    public IReadOnlyDictionary<string, double> StageSeconds() =>
        _stageTicks.ToDictionary(p => p.Key, p => Math.Round((double)p.Value / Stopwatch.Frequency, 3), StringComparer.Ordinal);

    internal void AddDiscovered() => Interlocked.Increment(ref _discovered);

    internal void CompleteDiscovery() => Volatile.Write(ref _discoveryDone, 1);

    internal void AddSeen(long count = 1) => Interlocked.Add(ref _seen, count);

    internal void AddSkipped(long count = 1) => Interlocked.Add(ref _skipped, count);

    internal void AddIndexed(long documents, long segments)
    {
        Interlocked.Add(ref _segments, segments);
        Interlocked.Add(ref _indexed, documents);
    }

    internal void AddDeleted(long count) => Interlocked.Add(ref _deleted, count);

    /// <summary>Lists <paramref name="failure"/>; counts a failed file unless it is a sidecar whose media file goes on.</summary>
    internal void AddFailure(FileFailure failure)
    {
        _failures.Enqueue(failure);
        if (failure.Stage != FailureStage.Sidecar)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> value) to <paramref name="stage"/>.</summary>
    internal void AddStageTime(string stage, long startTimestamp) =>
        _stageTicks.AddOrUpdate(stage, Stopwatch.GetTimestamp() - startTimestamp, (_, ticks) => ticks + (Stopwatch.GetTimestamp() - startTimestamp));
}
