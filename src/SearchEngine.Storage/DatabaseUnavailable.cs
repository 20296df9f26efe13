using System.Net.Sockets;
using Npgsql;

namespace SearchEngine.Storage;

/// <summary>
/// Tells "PostgreSQL cannot be reached or gave up on the statement" (the request may succeed later: 503) from errors the
/// request itself caused (a SQL error: a bug or bad input, not an outage).
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>Whether <paramref name="exception"/> (or an exception it wraps) means the database is unavailable.</summary>
    public static bool Is(Exception? exception)
    {
        // A request the client abandoned also surfaces as a cancelled statement (inside the OperationCanceledException);
        // that is the client leaving, not the database failing.
        if (exception is OperationCanceledException)
        {
            return false;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 57014 query_canceled (statement_timeout); 57P01–57P03 admin shutdown, crash shutdown, cannot connect now;
                // class 08 connection exceptions; 53300 too many connections.
                case PostgresException p:
                    return p.SqlState is "57014" or "57P01" or "57P02" or "57P03" or "53300" || p.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
                case NpgsqlException when e.InnerException is null:
                    // Npgsql's own "connection is broken" / "pool exhausted" errors carry no SQL state.
                    return true;
            }
        }

        return false;
    }
}
