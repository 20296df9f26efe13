using System.Data;
using Npgsql;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Storage.Fingerprints;

/// <summary>Receives one stored fingerprint; <paramref name="data"/> is only valid during the call (the buffer is reused).</summary>
public delegate void FingerprintVisitor(long documentId, ReadOnlySpan<byte> data);

/// <summary>
/// A consistent view of one collection's fingerprints for rebuilding a serving copy's fingerprint index: every
/// fingerprint live at <see cref="LastSequence"/>, no more and no less; replay the change log after it to catch up.
/// Holds a connection and a repeatable-read transaction until disposed.
/// </summary>
public sealed class FingerprintSnapshot : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly long _collectionId;

    private FingerprintSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, long collectionId, long lastSequence, long count, long bytes)
    {
        _connection = connection;
        _transaction = transaction;
        _collectionId = collectionId;
        LastSequence = lastSequence;
        Count = count;
        Bytes = bytes;
    }

    /// <summary>The last change-log sequence whose effect the snapshot holds (0 when the log is empty).</summary>
    public long LastSequence { get; }

    /// <summary>Number of fingerprints in the snapshot.</summary>
    public long Count { get; }

    /// <summary>Their total size in bytes.</summary>
    public long Bytes { get; }

    internal static async Task<FingerprintSnapshot> OpenAsync(NpgsqlDataSource dataSource, long collectionId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await SegmentSnapshot.LiftStatementTimeoutAsync(connection, transaction, cancellationToken);
            await using var command = new NpgsqlCommand(
                """
                SELECT se_last_sequence($1), count(*), coalesce(sum(octet_length(data)), 0)::bigint
                FROM fingerprints WHERE collection_id = $1
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new FingerprintSnapshot(connection, transaction, collectionId, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Streams every fingerprint of the snapshot in document order to <paramref name="visitor"/>, from one reused
    /// buffer, so memory stays flat whatever the collection's size. Returns the number visited.
    /// </summary>
    public async Task<long> ForEachAsync(FingerprintVisitor visitor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        await using var command = new NpgsqlCommand(
            "SELECT document_id, data FROM fingerprints WHERE collection_id = $1 ORDER BY document_id", _connection, _transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _collectionId });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);

        var buffer = Array.Empty<byte>();
        long visited = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var documentId = reader.GetInt64(0);
            var length = (int)reader.GetBytes(1, 0, null, 0, 0);
            if (buffer.Length < length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            reader.GetBytes(1, 0, buffer, 0, length);
            visitor(documentId, buffer.AsSpan(0, length));
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
