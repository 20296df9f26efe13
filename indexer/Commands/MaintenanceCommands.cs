using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SearchEngine.Storage.Serving;

namespace SearchEngine.Indexer.Commands;

/// <summary>
/// <c>migrate</c> (schema and the query API's read role) and <c>housekeeping</c> (change-log pruning, job retention,
/// thumbnail collection): the database administration that the query API, running under a read-only role, cannot do.
/// </summary>
internal static class MaintenanceCommands
{
    /// <summary>The environment variable that may hold the read role's password instead of the command line.</summary>
    public const string ReadPasswordVariable = "SEARCHENGINE_READ_PASSWORD";

    public static Command Migrate()
    {
        var readRole = new Option<string?>("--read-role") { Description = "Also create (or update) this login role for the query API: SELECT on every table, writes only to serving_copies and api_keys (making and revoking keys)." };
        var readPassword = new Option<string?>("--read-password") { Description = $"The read role's password (default: environment variable {ReadPasswordVariable})." };
        var command = new Command("migrate", "Apply pending schema migrations (the query API never does), and optionally create the API's read-only role.") { readRole, readPassword };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = IndexerHost.Build(parse);
            try
            {
                await IndexerHost.MigrateAsync(host, cancellationToken);
                if (parse.GetValue(readRole) is { } role)
                {
                    var password = parse.GetValue(readPassword) ?? Environment.GetEnvironmentVariable(ReadPasswordVariable);
                    if (string.IsNullOrWhiteSpace(password))
                    {
                        await Console.Error.WriteLineAsync($"error: --read-role needs a password: --read-password or {ReadPasswordVariable}.");
                        return 2;
                    }

                    await ReadRole.EnsureAsync(host.Services.GetRequiredService<NpgsqlDataSource>(), role, password, cancellationToken);
                    await Console.Error.WriteLineAsync($"read role '{role}' is ready");
                }

                return 0;
            }
            catch (Exception e) when (e is IndexerException or NpgsqlException or Storage.Migrations.MigrationException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    public static Command Housekeeping()
    {
        var command = new Command("housekeeping",
            "Prune the segment change log up to what every recently seen serving copy has applied, delete expired jobs and their file errors, and delete unreferenced thumbnails.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = IndexerHost.Build(parse);
            var services = host.Services;
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SearchEngine.Indexer.Housekeeping");
            try
            {
                await IndexerHost.MigrateAsync(host, cancellationToken);
                var outcome = await HousekeepingPass.RunAsync(services, logger, cancellationToken);
                Console.WriteLine(outcome.ToJson());
                return 0;
            }
            catch (Exception e) when (e is IndexerException or NpgsqlException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
