using Npgsql;
using Xunit;

namespace SearchEngine.Testing;

/// <summary>
/// A fresh, empty database on the tests' PostgreSQL server (see <see cref="PostgresServer"/>), created for one test
/// class (use as <c>IClassFixture&lt;PostgresDatabase&gt;</c>) and dropped when the class is done.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private string? _adminConnectionString;

    /// <summary>The database's name.</summary>
    public string Name { get; } = $"se_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A connection string to the database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Opens a new connection to the database.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _adminConnectionString = await PostgresServer.AdminConnectionStringAsync();
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = Name }.ConnectionString;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_adminConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        // Dropping is cleanup, not a test: a backend that is still closing can make the first attempt fail, so retry
        // once, then leave the uniquely named database behind with a warning rather than fail a green run.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var admin = new NpgsqlConnection(_adminConnectionString);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException) when (attempt < 2)
            {
                await Task.Delay(1000);
            }
            catch (PostgresException e)
            {
                await Console.Error.WriteLineAsync($"warning: test database {Name} was not dropped: {e.MessageText}");
                return;
            }
        }
    }
}
