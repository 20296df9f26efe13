using System.Globalization;

namespace SearchEngine.Storage.Jobs;

/// <summary>Another indexing job holds the collection's job lock (<see cref="CollectionJobLock"/>).</summary>
public sealed class CollectionBusyException(string collection, long? runningJobId, DateTime? startedAt)
    : InvalidOperationException(
        $"Collection '{collection}' is being indexed by another job" +
        (runningJobId is { } id ? string.Create(CultureInfo.InvariantCulture, $" (job {id}, started {startedAt:u})") : "") +
        ". Wait for it to finish, or stop it, then run this job again; two jobs on one collection would delete each other's files with --delete-missing.")
{
    /// <summary>The collection.</summary>
    public string Collection { get; } = collection;
}
