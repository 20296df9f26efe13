using Npgsql;
using System.Data;

namespace SearchEngine.Storage.Segments;

/// <summary>
/// A consistent view of one collection's vectors for rebuilding an index: every segment live at
/// <see cref="LastSequence"/>, no more and no less. Replay changes after <see cref="LastSequence"/> to catch up.
/// Holds a connection and a read-only repeatable-read transaction until disposed.
/// </summary>
public sealed class SegmentSnapshot : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly long _collectionId;

    private SegmentSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, long collectionId, long lastSequence, long count)
    {
        _connection = connection;
        _transaction = transaction;
        _collectionId = collectionId;
        LastSequence = lastSequence;
        Count = count;
    }

    /// <summary>The last change-log sequence whose effect the snapshot holds (0 when the log is empty).</summary>
    public long LastSequence { get; }

    /// <summary>Number of segments in the snapshot.</summary>
    public long Count { get; }

    /// <summary>
    /// Lifts the data source's statement timeout (the query API's 5 s) for the rest of <paramref name="transaction"/>:
    /// a snapshot read is one statement that lasts as long as its reader takes to consume it (a rebuild inserts every
    /// vector into the graph as it streams), so the timeout would cut every large rebuild short, and it would start over.
    /// </summary>
    internal static async Task LiftStatementTimeoutAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SET LOCAL statement_timeout = 0", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task<SegmentSnapshot> OpenAsync(NpgsqlDataSource dataSource, long collectionId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await LiftStatementTimeoutAsync(connection, transaction, cancellationToken);
            await using var command = new NpgsqlCommand(
                """
                SELECT se_last_sequence($1),
                       (SELECT count(*) FROM segments WHERE collection_id = $1)
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new SegmentSnapshot(connection, transaction, collectionId, reader.GetInt64(0), reader.GetInt64(1));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Streams every segment of the snapshot in id order to <paramref name="visitor"/>. Rows are read from the socket
    /// as they arrive and each vector is handed over from one reused buffer, so memory stays flat for any collection size.
    /// Returns the number of segments visited.
    /// </summary>
    public async Task<long> ForEachAsync(VectorVisitor visitor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        await using var command = new NpgsqlCommand(
            "SELECT id, vector FROM segments WHERE collection_id = $1 ORDER BY id", _connection, _transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _collectionId });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);

        var bytes = Array.Empty<byte>();
        var scratch = Array.Empty<float>();
        long visited = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            var length = (int)reader.GetBytes(1, 0, null, 0, 0);
            if (bytes.Length < length)
            {
                bytes = new byte[length];
                scratch = new float[length / sizeof(float)];
            }

            reader.GetBytes(1, 0, bytes, 0, length);
            visitor(id, VectorBytes.View(bytes.AsSpan(0, length), scratch));
            visited++;
        }

        return visited;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
