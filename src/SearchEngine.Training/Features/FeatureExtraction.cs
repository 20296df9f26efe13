using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SearchEngine.Core;

namespace SearchEngine.Training.Features;

/// <summary>
/// Fills feature caches: runs <c>extract</c> on every listed file that is not cached yet, on several threads, and
/// saves the caches as it goes. A file that fails is logged and left out (its dataset entry is dropped by the caller);
/// the rest of the batch goes on.
/// </summary>
public sealed class FeatureExtraction(SharedData shared, int threads, ILogger logger)
{
    private const int SaveEvery = 1000;

    /// <summary>
    /// Ensures every file of <paramref name="relativePaths"/> has an entry in each cache of <paramref name="caches"/>,
    /// where <paramref name="extract"/> gives one matrix per cache, in the same order. Returns the files that failed.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsureAsync(
        string label,
        IReadOnlyList<string> relativePaths,
        IReadOnlyList<FeatureCache> caches,
        Func<string, CancellationToken, Task<FeatureMatrix[]>> extract,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        ArgumentNullException.ThrowIfNull(caches);
        ArgumentNullException.ThrowIfNull(extract);
        var missing = relativePaths.Where(p => caches.Any(c => !c.TryGet(p, out _))).ToList();
        if (missing.Count == 0)
        {
            logger.LogInformation("{Label}: all {Count} files cached", label, relativePaths.Count);
            return [];
        }

        logger.LogInformation("{Label}: extracting {Missing} of {Count} files on {Threads} threads", label, missing.Count, relativePaths.Count, threads);
        var clock = Stopwatch.StartNew();
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        var done = 0;
        var saveGate = new object();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            async (path, token) =>
            {
                try
                {
                    var matrices = await extract(shared.Require(path), token);
                    for (var i = 0; i < caches.Count; i++)
                    {
                        caches[i].Add(path, matrices[i]);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("{Label}: skipping '{Path}': {Error}", label, path, e.Message);
                    failed.Add(path);
                }

                var count = Interlocked.Increment(ref done);
                if (count % SaveEvery == 0)
                {
                    lock (saveGate)
                    {
                        foreach (var cache in caches)
                        {
                            cache.Save();
                        }
                    }

                    logger.LogInformation("{Label}: {Done}/{Missing} files, {Seconds:F0} s", label, count, missing.Count, clock.Elapsed.TotalSeconds);
                }
            });

        foreach (var cache in caches)
        {
            cache.Save();
        }

        logger.LogInformation("{Label}: extracted {Count} files in {Seconds:F1} s ({Failed} failed)", label, missing.Count, clock.Elapsed.TotalSeconds, failed.Count);
        return [.. failed.Order(StringComparer.Ordinal)];
    }
}
