using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SearchEngine.Storage.Housekeeping;

/// <summary>
/// Deletes finished jobs older than <see cref="HousekeepingOptions.JobRetention"/> with their file errors (the foreign
/// key cascades), keeping each collection's newest <see cref="HousekeepingOptions.KeepLastJobs"/> whatever their age.
/// Running jobs are never deleted.
/// </summary>
public sealed class JobRetention(NpgsqlDataSource dataSource, IOptions<HousekeepingOptions> options)
{
    /// <summary>Deletes the expired jobs; returns how many.</summary>
    public async Task<int> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM jobs j
            USING (SELECT id, row_number() OVER (PARTITION BY collection_id ORDER BY id DESC) AS newest FROM jobs) AS ranked
            WHERE j.id = ranked.id AND ranked.newest > @keep AND j.status <> 'running' AND j.finished_at < now() - @age
            """, new { keep = settings.KeepLastJobs, age = settings.JobRetention }, cancellationToken: cancellationToken));
    }
}
