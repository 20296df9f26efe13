using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SearchEngine.Storage.Housekeeping;

/// <summary>
/// Deletes change-log entries no serving copy needs any more: per collection, everything up to the lowest sequence of
/// the copies seen within <see cref="HousekeepingOptions.ServingCopyHorizon"/> (or up to the newest entry when no copy
/// was seen), and every entry of a deleted collection. The pruned horizon is recorded in the same transaction, so a copy
/// or file older than it rebuilds instead of replaying a log with holes.
/// </summary>
public sealed class ChangeLogPruner(NpgsqlDataSource dataSource, IOptions<HousekeepingOptions> options)
{
    /// <summary>Prunes every collection's log; returns how many entries were deleted.</summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var collections = await connection.QueryAsync<long>(new CommandDefinition("SELECT id FROM collections ORDER BY id", cancellationToken: cancellationToken));
        long deleted = 0;
        foreach (var collectionId in collections)
        {
            deleted += await PruneAsync(connection, collectionId, cancellationToken);
        }

        // A deleted collection's entries and records help no copy: its copies stop serving it.
        deleted += await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM serving_copies s WHERE NOT EXISTS (SELECT FROM collections WHERE id = s.collection_id);
            DELETE FROM change_log_horizons h WHERE NOT EXISTS (SELECT FROM collections WHERE id = h.collection_id);
            DELETE FROM segment_changes c WHERE NOT EXISTS (SELECT FROM collections WHERE id = c.collection_id);
            """, cancellationToken: cancellationToken));
        return deleted;
    }

    private async Task<long> PruneAsync(NpgsqlConnection connection, long collectionId, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The writer lock: entries of a writer still in flight get sequences above every committed one, so pruning up
        // to a committed sequence can never delete an entry a copy has not had the chance to read.
        await connection.ExecuteAsync(new CommandDefinition("SELECT se_lock_collection_writes(@collectionId)", new { collectionId }, transaction, cancellationToken: cancellationToken));
        var through = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT coalesce(
                (SELECT min(sequence) FROM serving_copies WHERE collection_id = @collectionId AND seen_at > now() - @horizon),
                (SELECT max(seq) FROM segment_changes WHERE collection_id = @collectionId))
            """, new { collectionId, horizon = options.Value.ServingCopyHorizon }, transaction, cancellationToken: cancellationToken));
        if (through is not { } bound || bound <= 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM segment_changes WHERE collection_id = @collectionId AND seq <= @bound",
            new { collectionId, bound }, transaction, cancellationToken: cancellationToken));
        if (deleted > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO change_log_horizons (collection_id, pruned_through) VALUES (@collectionId, @bound)
                ON CONFLICT (collection_id) DO UPDATE SET pruned_through = greatest(change_log_horizons.pruned_through, excluded.pruned_through)
                """, new { collectionId, bound }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
