using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SearchEngine.Serving;
using SearchEngine.Storage;
using SearchEngine.Storage.Segments;

namespace SearchEngine.QueryApi.Serving;

/// <summary>Ready means: PostgreSQL answers, and every collection's index is loaded and has applied the whole change log.</summary>
public sealed class ReadinessCheck(NpgsqlDataSource database, CollectionServing serving, IndexCatchUpService catchUp, SegmentStore segments) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception e) when (DatabaseUnavailable.Is(e))
        {
            return HealthCheckResult.Unhealthy($"The database (PostgreSQL) is unavailable: {e.Message}");
        }

        if (!catchUp.Warm)
        {
            return HealthCheckResult.Unhealthy("The collections' indexes are still loading.");
        }

        var behind = new List<string>();
        try
        {
            foreach (var index in serving.Opened)
            {
                var last = await segments.GetLastSequenceAsync(index.Collection.Id, cancellationToken);
                if (index.Index.LastSequence < last)
                {
                    behind.Add($"{index.Collection.Name} ({last - index.Index.LastSequence} changes behind)");
                }
            }
        }
        catch (Exception e) when (DatabaseUnavailable.Is(e))
        {
            return HealthCheckResult.Unhealthy($"The database (PostgreSQL) is unavailable: {e.Message}");
        }

        return behind.Count == 0
            ? HealthCheckResult.Healthy("PostgreSQL reachable; every index loaded and caught up.")
            : HealthCheckResult.Unhealthy("Indexes catching up: " + string.Join(", ", behind));
    }
}
