using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace SearchEngine.QueryApi.Jobs;

/// <summary>
/// The jobs accepted over HTTP and not yet finished, at most <see cref="JobOptions.QueueCapacity"/> of them, which
/// <see cref="JobRunner"/> works through one at a time (a job already uses every core). One job per collection may be
/// queued or running, so a job queued here never finds its collection's job lock taken by another job of this API.
/// A place is claimed (<see cref="TryReserve"/>) before the job's row is recorded, so an accepted job always has both.
/// </summary>
internal sealed class JobQueue(IOptions<JobOptions> options)
{
    private readonly Channel<QueuedJob> _queue = Channel.CreateUnbounded<QueuedJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, QueuedJob> _byId = new();
    private readonly ConcurrentDictionary<long, bool> _collections = new();
    private readonly int _capacity = Math.Max(1, options.Value.QueueCapacity);
    private int _places;

    /// <summary>The jobs to run, in order.</summary>
    public ChannelReader<QueuedJob> Reader => _queue.Reader;

    /// <summary>The job <paramref name="jobId"/> while it is queued or running here; null once it has finished (or was never here).</summary>
    public QueuedJob? Find(long jobId) => _byId.GetValueOrDefault(jobId);

    /// <summary>Claims a place and the collection for a job about to be recorded.</summary>
    public JobReservation TryReserve(long collectionId)
    {
        if (!_collections.TryAdd(collectionId, true))
        {
            return JobReservation.CollectionBusy;
        }

        if (Interlocked.Increment(ref _places) > _capacity)
        {
            Release(collectionId);
            return JobReservation.QueueFull;
        }

        return JobReservation.Reserved;
    }

    /// <summary>Gives back a claim whose job could not be recorded.</summary>
    public void Release(long collectionId)
    {
        Interlocked.Decrement(ref _places);
        _collections.TryRemove(collectionId, out _);
    }

    /// <summary>Queues <paramref name="job"/>, whose place was claimed with <see cref="TryReserve"/>.</summary>
    public void Enqueue(QueuedJob job)
    {
        _byId[job.Id] = job;
        if (!_queue.Writer.TryWrite(job))
        {
            throw new InvalidOperationException("The job queue is closed.");
        }
    }

    /// <summary>Forgets <paramref name="job"/> once its row holds its end, freeing its place and its collection.</summary>
    public void Finish(QueuedJob job)
    {
        _byId.TryRemove(job.Id, out _);
        Release(job.Collection.Id);
    }
}

/// <summary>The answer to <see cref="JobQueue.TryReserve"/>.</summary>
internal enum JobReservation
{
    /// <summary>A place is claimed; record the job and queue it, or release the claim.</summary>
    Reserved,

    /// <summary>The collection already has a job queued or running here.</summary>
    CollectionBusy,

    /// <summary>Every place is taken.</summary>
    QueueFull,
}
