using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SearchEngine.Access;

namespace SearchEngine.Indexer.Commands;

/// <summary>
/// <c>keys create|list|revoke</c>: the query API's keys, managed from the machine that owns the database (the API's
/// admin endpoints do the same over HTTP). A new key is printed once, alone on stdout, so a script can capture it.
/// </summary>
internal static class KeyCommands
{
    public static Command Create() => new("keys", "Make, list and revoke the query API's keys (scopes read, write, admin; optionally limited to collections).")
    {
        CreateKey(),
        List(),
        Revoke(),
    };

    private static Command CreateKey()
    {
        var name = new Option<string>("--name") { Description = "Who or what the key is for.", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "Comma-separated scopes: read, write, admin (admin implies write implies read).", Required = true };
        var collections = new Option<string?>("--collections") { Description = "Comma-separated collections the key is limited to (default: every collection)." };
        var command = new Command("create", "Make a key and print it (the only time it is shown; only its hash is stored).") { name, scopes, collections };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async keys =>
        {
            var created = await keys.CreateAsync(parse.GetRequiredValue(name), List(parse.GetRequiredValue(scopes)),
                parse.GetValue(collections) is { } limited ? List(limited) : null, cancellationToken);
            Console.WriteLine(created.Token);
            await Console.Error.WriteLineAsync(
                $"key {created.Key.Id} '{created.Key.Name}' made with scopes {string.Join(",", created.Key.Scopes)} for {Describe(created.Key.Collections)}. " +
                "This is the only time it is shown: store it now.");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the keys (id, name, prefix, scopes, collections, created, revoked); never their secrets.");
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async keys =>
        {
            Console.WriteLine("id\tname\tprefix\tscopes\tcollections\tcreated\trevoked");
            foreach (var key in await keys.ListAsync(cancellationToken))
            {
                Console.WriteLine(string.Join('\t',
                    key.Id.ToString(CultureInfo.InvariantCulture), key.Name, key.Prefix, string.Join(",", key.Scopes),
                    key.Collections is null ? "*" : string.Join(",", key.Collections), Time(key.CreatedAt), key.RevokedAt is { } revoked ? Time(revoked) : "-"));
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<long>("id") { Description = "The key's id (keys list)." };
        var command = new Command("revoke", "Revoke a key; running query APIs refuse it within Access:VerificationCacheDuration (5 s).") { id };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, async keys =>
        {
            var keyId = parse.GetValue(id);
            if (await keys.RevokeAsync(keyId, cancellationToken) is not { } revoked)
            {
                await Console.Error.WriteLineAsync($"error: there is no key {keyId} (keys list shows them).");
                return 1;
            }

            Console.WriteLine($"key {revoked.Id} '{revoked.Name}' revoked at {Time(revoked.RevokedAt!.Value)}");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<ApiKeyStore, Task<int>> action, CancellationToken cancellationToken)
    {
        using var host = IndexerHost.Build(parse);
        try
        {
            await IndexerHost.MigrateAsync(host, cancellationToken);
            return await action(host.Services.GetRequiredService<ApiKeyStore>());
        }
        catch (InvalidApiKeyRequestException e)
        {
            await Console.Error.WriteLineAsync($"error: --{e.Field}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IndexerException or NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private static string[] List(string commaSeparated) => commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Describe(IReadOnlyList<string>? collections) =>
        collections is null ? "every collection" : "collections " + string.Join(",", collections);

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
