using Microsoft.AspNetCore.Http;
using Npgsql;
using SearchEngine.QueryApi.Problems;
using SearchEngine.Testing;

namespace SearchEngine.QueryApi.Tests.Faults;

/// <summary>Which real database failures are "unavailable" (503) and which are the request's own error (500).</summary>
public sealed class UnavailableMappingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_statement_cancelled_by_the_timeout_is_503_but_a_sql_error_is_not()
    {
        var timed = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Options = "-c statement_timeout=200", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(timed);
        await connection.OpenAsync();
        await using var slow = new NpgsqlCommand("SELECT pg_sleep(3)", connection);
        var cancelled = await Assert.ThrowsAsync<PostgresException>(() => slow.ExecuteNonQueryAsync());
        await using var wrong = new NpgsqlCommand("SELECT * FROM no_such_table", connection);
        var sqlError = await Assert.ThrowsAsync<PostgresException>(() => wrong.ExecuteNonQueryAsync());

        var timeout = ApiExceptionHandler.Describe(cancelled, "/api/search");
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, timeout.Status);
        Assert.Equal("Database unavailable", timeout.Title);
        Assert.Equal(StatusCodes.Status500InternalServerError, ApiExceptionHandler.Describe(sqlError, "/api/search").Status);
    }

    [Fact]
    public async Task A_refused_connection_is_503()
    {
        await using var cluster = await PrivatePostgresCluster.StartNewAsync();
        await cluster.StopAsync();
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, ApiExceptionHandler.Describe(refused, "/api/search").Status);
    }
}
