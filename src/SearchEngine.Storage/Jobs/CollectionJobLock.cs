using Dapper;
using Npgsql;

namespace SearchEngine.Storage.Jobs;

/// <summary>
/// One indexing job per collection at a time: a session advisory lock held on a connection of its own for the whole
/// job. Two indexers on one collection would otherwise each see the other's files as missing, and
/// <c>--delete-missing</c> would delete them. The lock goes with the session, so a killed indexer never leaves it behind.
/// </summary>
public sealed class CollectionJobLock : IAsyncDisposable
{
    // Key space 21318 ('SF'); 21317 is the per-transaction writer lock, which writes inside a job still take.
    private const int KeySpace = 21318;

    private readonly NpgsqlConnection _connection;
    private readonly long _collectionId;

    private CollectionJobLock(NpgsqlConnection connection, long collectionId)
    {
        _connection = connection;
        _collectionId = collectionId;
    }

    /// <summary>Takes the lock of <paramref name="collection"/>, or throws at once when another job holds it.</summary>
    /// <exception cref="CollectionBusyException">Another indexing job is running on the collection.</exception>
    public static async Task<CollectionJobLock> AcquireAsync(NpgsqlDataSource dataSource, long collectionId, string collection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var taken = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT pg_try_advisory_lock(@space, @key)", new { space = KeySpace, key = (int)collectionId }, cancellationToken: cancellationToken));
            if (!taken)
            {
                var holder = await connection.QuerySingleOrDefaultAsync<(long Id, DateTime StartedAt)?>(new CommandDefinition(
                    "SELECT id, started_at FROM jobs WHERE collection_id = @collectionId AND status = 'running' ORDER BY id DESC LIMIT 1",
                    new { collectionId }, cancellationToken: cancellationToken));
                throw new CollectionBusyException(collection, holder?.Id, holder?.StartedAt);
            }

            return new CollectionJobLock(connection, collectionId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.ExecuteAsync("SELECT pg_advisory_unlock(@space, @key)", new { space = KeySpace, key = (int)_collectionId });
        }
        catch (NpgsqlException)
        {
            // The session is gone (database restarted), and the lock went with it.
        }

        await _connection.DisposeAsync();
    }
}
