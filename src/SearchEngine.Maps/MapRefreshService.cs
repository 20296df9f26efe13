using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Maps;

/// <summary>
/// Keeps the maps asked for current: every <see cref="MapOptions.RefreshInterval"/> (or at once when a new collection is
/// asked for) it compares each map's sequence with its collection's change log and, when the log moved, reads the
/// documents' vectors and makes the next map (<see cref="MapBuilder"/>), saving it beside the index file. One collection
/// at a time, in the background, so a layout never holds a request.
/// </summary>
public sealed partial class MapRefreshService(
    CollectionMaps maps, MapBuilder builder, MapFile files, SegmentStore segments, IOptions<MapOptions> options, ILogger<MapRefreshService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var entry in maps.Entries)
            {
                try
                {
                    await RefreshAsync(entry, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // A collection deleted, PostgreSQL away, a full disk: the served map stays as it is and the next round retries.
                    LogRefreshFailed(logger, e, entry.Collection.Name);
                }
            }

            try
            {
                await maps.WaitForRequestAsync(options.Value.RefreshInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RefreshAsync(CollectionMaps.MapEntry entry, CancellationToken cancellationToken)
    {
        var collection = entry.Collection;
        var previous = entry.Map;
        if (previous is not null && previous.Sequence >= await segments.GetLastSequenceAsync(collection.Id, cancellationToken))
        {
            return;
        }

        var current = await DocumentVectors.ReadAsync(segments, collection, cancellationToken);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var full = builder.NeedsLayout(previous, current, out var added, out var removed);
        // The layout is CPU-bound for seconds to minutes: off the loop's thread, so the host's shutdown is not held by it.
        var map = await Task.Run(() => builder.Build(previous, current), cancellationToken);
        await files.WriteAsync(collection, map, cancellationToken);
        entry.Map = map;
        LogRefreshed(logger, collection.Name, map.Count, map.Sequence, full ? "full layout" : $"{added} placed, {removed} removed", clock.Elapsed.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The map of collection {Collection} could not be refreshed; retrying next round.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string collection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Map of collection {Collection}: {Count} points at sequence {Sequence} ({How}) in {Seconds:F1} s.")]
    private static partial void LogRefreshed(ILogger logger, string collection, int count, long sequence, string how, double seconds);
}
