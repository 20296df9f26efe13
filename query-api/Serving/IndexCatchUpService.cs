using Microsoft.Extensions.Options;

namespace SearchEngine.QueryApi.Serving;

/// <summary>
/// Opens every collection at start-up and then, every few seconds, re-checks the remembered collection records and
/// applies PostgreSQL's change log to the opened indexes (and their catalogues), so documents the indexer commits
/// become searchable without a restart.
/// </summary>
public sealed partial class IndexCatchUpService(CollectionServing serving, IOptions<QueryApiOptions> options, ILogger<IndexCatchUpService> logger) : BackgroundService
{
    /// <summary>True once every collection that existed at start-up has been opened.</summary>
    public bool Warm { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!Warm && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await serving.OpenAllAsync(stoppingToken);
                Warm = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogOpenFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }

        using var timer = new PeriodicTimer(options.Value.CatchUpInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await serving.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e);
            }

            foreach (var index in serving.Opened)
            {
                try
                {
                    await index.CatchUpAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCatchUpFailed(logger, index.Collection.Name, e);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opening the collections' indexes failed; retrying in 5 s")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-reading the collection records failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up the index of collection {Collection} failed")]
    private static partial void LogCatchUpFailed(ILogger logger, string collection, Exception exception);
}
