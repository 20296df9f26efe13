using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace SearchEngine.Storage.Migrations;

/// <summary>
/// Brings the database schema up to date on start. It holds a session advisory lock for the whole run, so services
/// starting together apply each migration once; versions and checksums are recorded in <c>schema_migrations</c>, each
/// pending migration runs in its own transaction, and an applied migration whose script changed stops the run.
/// </summary>
public sealed class MigrationRunner
{
    // One fixed key for "the schema of this database"; single-bigint keys do not collide with the (int, int) keys used for collection writers.
    private const long SchemaLockKey = 0x5345_4D49_4752_4154; // "SEMIGRAT"

    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<Migration> _migrations;
    private readonly ILogger<MigrationRunner> _logger;

    /// <summary>Creates a runner for the migrations embedded in this assembly.</summary>
    public MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner>? logger = null)
        : this(dataSource, Migration.Embedded, logger)
    {
    }

    /// <summary>Creates a runner for the given migrations (tests use this to simulate edited scripts).</summary>
    public MigrationRunner(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations, ILogger<MigrationRunner>? logger = null)
    {
        _dataSource = dataSource;
        _migrations = migrations.OrderBy(m => m.Version).ToList();
        _logger = logger ?? NullLogger<MigrationRunner>.Instance;
    }

    /// <summary>Applies the pending migrations; returns the versions this call applied (empty when the schema was current).</summary>
    /// <exception cref="MigrationException">An applied migration's checksum changed, or the database knows a version this build does not.</exception>
    public async Task<IReadOnlyList<int>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = SchemaLockKey }, cancellationToken: cancellationToken));
        try
        {
            // Created under the lock: concurrent CREATE TABLE IF NOT EXISTS can still collide on the catalog.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken: cancellationToken));

            var applied = (await connection.QueryAsync<(int Version, string Name, string Checksum)>(new CommandDefinition(
                "SELECT version, name, checksum FROM schema_migrations ORDER BY version", cancellationToken: cancellationToken)))
                .ToDictionary(row => row.Version);
            Verify(applied);

            var appliedNow = new List<int>();
            foreach (var migration in _migrations.Where(m => !applied.ContainsKey(m.Version)))
            {
                await ApplyOneAsync(connection, migration, cancellationToken);
                appliedNow.Add(migration.Version);
            }

            if (appliedNow.Count > 0)
            {
                // Types created by a migration (none yet, but enums would be) are cached per data source by Npgsql.
                await connection.ReloadTypesAsync(cancellationToken);
            }

            return appliedNow;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = SchemaLockKey });
        }
    }

    private void Verify(Dictionary<int, (int Version, string Name, string Checksum)> applied)
    {
        var known = _migrations.ToDictionary(m => m.Version);
        foreach (var (version, row) in applied)
        {
            if (!known.TryGetValue(version, out var migration))
            {
                throw new MigrationException(
                    $"The database has migration V{version:000} '{row.Name}' applied, which this build does not contain. " +
                    "It was migrated by a newer version of the service; run that version (or a newer one) against it.");
            }

            if (!string.Equals(migration.Checksum, row.Checksum, StringComparison.Ordinal))
            {
                throw new MigrationException(
                    $"Migration V{version:000} '{migration.Name}' was changed after it was applied (checksum {row.Checksum} in the database, " +
                    $"{migration.Checksum} in this build). Applied migrations are immutable: restore the original script and put the change in a new migration.");
            }
        }
    }

    private async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        _logger.LogInformation("Applying migration V{Version:000} {Name}", migration.Version, migration.Name);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (@Version, @Name, @Checksum)",
            new { migration.Version, migration.Name, migration.Checksum }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
