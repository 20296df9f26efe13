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

    /// <summary>The environment variable that may hold the write role's password instead of the command line.</summary>
    public const string WritePasswordVariable = "SEARCHENGINE_WRITE_PASSWORD";

    public static Command Migrate()
    {
        var readRole = new Option<string?>("--read-role") { Description = "Also create (or update) this login role for the query API: SELECT on every table, writes only to serving_copies and api_keys (making and revoking keys)." };
        var readPassword = new Option<string?>("--read-password") { Description = $"The read role's password (default: environment variable {ReadPasswordVariable})." };
        var writeRole = new Option<string?>("--write-role") { Description = "Also create (or update) this login role for a query API that accepts writes over HTTP: what the read role may do, plus inserting, updating and deleting rows of the data tables (no schema changes)." };
        var writePassword = new Option<string?>("--write-password") { Description = $"The write role's password (default: environment variable {WritePasswordVariable})." };
        var command = new Command("migrate", "Apply pending schema migrations (the query API never does), and optionally create the API's read-only or writing role.")
        {
            readRole, readPassword, writeRole, writePassword,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = IndexerHost.Build(parse);
            try
            {
                await IndexerHost.MigrateAsync(host, cancellationToken);
                var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
                if (parse.GetValue(readRole) is { } reader)
                {
                    if (await PasswordAsync(parse.GetValue(readPassword), ReadPasswordVariable, "--read-role", "--read-password") is not { } password)
                    {
                        return 2;
                    }

                    await ReadRole.EnsureAsync(dataSource, reader, password, cancellationToken);
                    await Console.Error.WriteLineAsync($"read role '{reader}' is ready");
                }

                if (parse.GetValue(writeRole) is { } writer)
                {
                    if (await PasswordAsync(parse.GetValue(writePassword), WritePasswordVariable, "--write-role", "--write-password") is not { } password)
                    {
                        return 2;
                    }

                    await WriteRole.EnsureAsync(dataSource, writer, password, cancellationToken);
                    await Console.Error.WriteLineAsync($"write role '{writer}' is ready");
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

    /// <summary>The password given on the command line or in the environment; null (after saying so) when neither has one.</summary>
    private static async Task<string?> PasswordAsync(string? given, string variable, string roleOption, string passwordOption)
    {
        var password = given ?? Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(password))
        {
            return password;
        }

        await Console.Error.WriteLineAsync($"error: {roleOption} needs a password: {passwordOption} or {variable}.");
        return null;
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
