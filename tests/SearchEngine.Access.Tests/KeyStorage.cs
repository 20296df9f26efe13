using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Storage.Migrations;
using SearchEngine.Testing;

namespace SearchEngine.Access.Tests;

/// <summary>A migrated test database with an <see cref="ApiKeyStore"/> over it (fewer PBKDF2 iterations than production, for speed).</summary>
internal static class KeyStorage
{
    public const int Iterations = 10_000;

    public static async Task<NpgsqlDataSource> OpenAsync(PostgresDatabase database)
    {
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new MigrationRunner(dataSource).ApplyAsync();
        return dataSource;
    }

    public static ApiKeyStore Store(NpgsqlDataSource dataSource, int iterations = Iterations) =>
        new(dataSource, Options.Create(new AccessOptions { HashIterations = iterations }));
}

/// <summary>A clock the test moves by hand, to cross the verification cache's window without waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
