using Dapper;
using Npgsql;

namespace SearchEngine.Storage.Idempotency;

/// <summary>
/// Idempotency keys of write requests (table <c>idempotency_keys</c>, keyed by the caller and the key). A request
/// claims its key in one statement before it writes (INSERT … ON CONFLICT), so of two concurrent retries exactly one
/// runs; it then stores its answer, or releases the claim when it failed on the server's side. Keys live for
/// <see cref="Retention"/>; a claim whose request died with its process is taken over after the abandonment time.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource)
{
    /// <summary>How long a key is remembered (a day, as most APIs with idempotency keys do).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// Claims (<paramref name="principal"/>, <paramref name="key"/>) for a request whose content hashes to
    /// <paramref name="requestHash"/> (64 hex digits), or says what holds it. An expired row, or a claim older than
    /// <paramref name="abandonedAfter"/> that never completed (its process was killed), is taken over.
    /// </summary>
    public async Task<IdempotencyClaim> ClaimAsync(string principal, string key, string requestHash, TimeSpan abandonedAfter, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO idempotency_keys AS k (principal, key, request_hash) VALUES (@principal, @key, @requestHash)
            ON CONFLICT (principal, key) DO UPDATE SET request_hash = excluded.request_hash, status = NULL, content_type = NULL, response_body = NULL, created_at = now()
            WHERE k.created_at < now() - @retention OR (k.status IS NULL AND k.created_at < now() - @abandonedAfter)
            """,
            new { principal, key, requestHash, retention = Retention, abandonedAfter }, cancellationToken: cancellationToken));
        if (claimed == 1)
        {
            return new IdempotencyClaim(IdempotencyClaimState.Claimed);
        }

        var row = await connection.QuerySingleOrDefaultAsync<(string Hash, int? Status, string? ContentType, string? Body)>(new CommandDefinition(
            "SELECT request_hash, status, content_type, response_body FROM idempotency_keys WHERE principal = @principal AND key = @key",
            new { principal, key }, cancellationToken: cancellationToken));
        if (row.Hash is null)
        {
            // Released between the two statements: the key is free again.
            return await ClaimAsync(principal, key, requestHash, abandonedAfter, cancellationToken);
        }

        return !string.Equals(row.Hash, requestHash, StringComparison.Ordinal) ? new IdempotencyClaim(IdempotencyClaimState.Mismatch)
            : row.Status is { } status ? new IdempotencyClaim(IdempotencyClaimState.Completed, new StoredResponse(status, row.ContentType ?? "application/json", row.Body ?? ""))
            : new IdempotencyClaim(IdempotencyClaimState.InProgress);
    }

    /// <summary>Stores the answer of the claimed request, to be sent again to its retries.</summary>
    public async Task CompleteAsync(string principal, string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE idempotency_keys SET status = @Status, content_type = @ContentType, response_body = @Body WHERE principal = @principal AND key = @key",
            new { principal, key, response.Status, response.ContentType, response.Body }, cancellationToken: cancellationToken));
    }

    /// <summary>Gives up a claim that did not complete (the request failed on the server's side), so a retry may run.</summary>
    public async Task ReleaseAsync(string principal, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM idempotency_keys WHERE principal = @principal AND key = @key AND status IS NULL",
            new { principal, key }, cancellationToken: cancellationToken));
    }

    /// <summary>Deletes keys older than <see cref="Retention"/> (housekeeping); returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM idempotency_keys WHERE created_at < now() - @retention", new { retention = Retention }, cancellationToken: cancellationToken));
    }
}
