using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SearchEngine.Core;

namespace SearchEngine.Training.Features;

/// <summary>
/// Fills feature caches: extracts every listed file that is not cached yet, on several threads, and saves the caches
/// as it goes. A file that fails is logged and left out (the caller drops it from its dataset); the rest goes on. When
/// more than <see cref="MaxFailedFraction"/> of the files fail, the cause is the machine (a decoder missing, a model
/// file unreadable), not the files: extraction stops with that error rather than train a pack on what is left.
/// </summary>
public sealed class FeatureExtraction(SharedData shared, int threads, ILogger logger)
{
    /// <summary>The share of failed files above which extraction refuses to go on (a corrupt file or two is normal).</summary>
    public const double MaxFailedFraction = 0.05;

    private const int SaveEvery = 250;

    /// <summary>
    /// Ensures every file of <paramref name="relativePaths"/> has an entry in each of <paramref name="caches"/>, where
    /// <paramref name="extract"/> gives one matrix per cache, in the same order. Returns the files that failed.
    /// </summary>
    public Task<IReadOnlyList<string>> EnsureAsync(
        string label,
        IReadOnlyList<string> relativePaths,
        IReadOnlyList<FeatureCache> caches,
        Func<string, CancellationToken, Task<FeatureMatrix[]>> extract,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extract);
        return EnsureBatchedAsync(label, relativePaths, caches, (paths, token) =>
            Task.FromResult<IReadOnlyList<Task<FeatureMatrix[]>>>([extract(paths[0], token)]), 1, cancellationToken);
    }

    /// <summary>
    /// As <see cref="EnsureAsync"/>, with <paramref name="extractBatch"/> taking <paramref name="batchSize"/> files
    /// (absolute paths) per call, for extractors whose per-call cost dominates; a failed file is a faulted task.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsureBatchedAsync(
        string label,
        IReadOnlyList<string> relativePaths,
        IReadOnlyList<FeatureCache> caches,
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<Task<FeatureMatrix[]>>>> extractBatch,
        int batchSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        ArgumentNullException.ThrowIfNull(caches);
        ArgumentNullException.ThrowIfNull(extractBatch);
        var missing = relativePaths.Where(p => caches.Any(c => !c.TryGet(p, out _))).ToList();
        if (missing.Count == 0)
        {
            logger.LogInformation("{Label}: all {Count} files cached", label, relativePaths.Count);
            return [];
        }

        logger.LogInformation("{Label}: extracting {Missing} of {Count} files on {Threads} threads", label, missing.Count, relativePaths.Count, threads);
        var clock = Stopwatch.StartNew();
        var failed = new ConcurrentBag<string>();
        string? firstError = null;
        var done = 0;
        var saveGate = new object();
        await Parallel.ForEachAsync(missing.Chunk(batchSize), new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                IReadOnlyList<Task<FeatureMatrix[]>> results;
                try
                {
                    results = await extractBatch([.. batch.Select(shared.Require)], token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    results = [.. batch.Select(_ => Task.FromException<FeatureMatrix[]>(e))];
                }

                for (var i = 0; i < batch.Length; i++)
                {
                    try
                    {
                        var matrices = await results[i];
                        for (var c = 0; c < caches.Count; c++)
                        {
                            caches[c].Add(batch[i], matrices[c]);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogWarning("{Label}: skipping '{Path}': {Error}", label, batch[i], e.Message);
                        Interlocked.CompareExchange(ref firstError, $"'{batch[i]}': {e.Message}", null);
                        failed.Add(batch[i]);
                    }
                }

                var before = Interlocked.Add(ref done, batch.Length) - batch.Length;
                if ((before + batch.Length) / SaveEvery > before / SaveEvery)
                {
                    lock (saveGate)
                    {
                        foreach (var cache in caches)
                        {
                            cache.Save();
                        }
                    }

                    logger.LogInformation("{Label}: {Done}/{Missing} files, {Seconds:F0} s", label, before + batch.Length, missing.Count, clock.Elapsed.TotalSeconds);
                }
            });

        foreach (var cache in caches)
        {
            cache.Save();
        }

        logger.LogInformation("{Label}: extracted {Count} files in {Seconds:F1} s ({Failed} failed)", label, missing.Count, clock.Elapsed.TotalSeconds, failed.Count);
        if (failed.Count > MaxFailedFraction * missing.Count)
        {
            throw new InvalidOperationException(
                $"{label}: {failed.Count} of {missing.Count} files failed, more than {MaxFailedFraction:P0}, so the cause is this machine " +
                $"rather than the files (is ffmpeg installed? deploy/install-deps.sh run installs it). First failure: {firstError}");
        }

        return [.. failed.Order(StringComparer.Ordinal)];
    }
}
