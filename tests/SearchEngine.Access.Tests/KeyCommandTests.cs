using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Testing;

namespace SearchEngine.Access.Tests;

/// <summary>The real indexer's <c>keys</c> commands as a child process, against a real database.</summary>
public sealed class KeyCommandTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Keys_create_list_and_revoke_round_trip_and_the_secret_is_printed_only_by_create()
    {
        var (code, output, error) = await RunAsync("keys", "create", "--name", "nightly export", "--scopes", "read,write", "--collections", "photos,sounds");
        Assert.True(code == 0, error);
        var token = output.Trim();
        Assert.True(ApiKeyToken.TryParse(token, out var parsed), output);
        Assert.Contains("only time", error, StringComparison.Ordinal);

        (code, var listing, error) = await RunAsync("keys", "list");
        Assert.True(code == 0, error);
        var row = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.Contains("nightly export", StringComparison.Ordinal)).Split('\t');
        var id = row[0];
        Assert.Equal(parsed!.Value.Prefix, row[2]);
        Assert.Equal("read,write", row[3]);
        Assert.Equal("photos,sounds", row[4]);
        Assert.Equal("-", row[6]);
        Assert.DoesNotContain(parsed.Value.Secret, listing, StringComparison.Ordinal);

        // The key the CLI printed is the one the store verifies.
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var verifier = new ApiKeyVerifier(KeyStorage.Store(dataSource), Options.Create(new AccessOptions { VerificationCacheDuration = TimeSpan.Zero }), TimeProvider.System);
        var verified = await verifier.VerifyAsync(token);
        Assert.Equal(ApiKeyStatus.Valid, verified.Status);
        Assert.Equal(["photos", "sounds"], verified.Key!.Collections);

        (code, output, error) = await RunAsync("keys", "revoke", id);
        Assert.True(code == 0, error);
        Assert.Contains($"key {id} 'nightly export' revoked", output, StringComparison.Ordinal);
        Assert.Equal(ApiKeyStatus.Revoked, (await verifier.VerifyAsync(token)).Status);
        (_, listing, _) = await RunAsync("keys", "list");
        Assert.NotEqual("-", listing.Split('\n').Single(l => l.StartsWith(id + "\t", StringComparison.Ordinal)).Split('\t')[6]);
    }

    [Fact]
    public async Task Keys_create_with_an_unknown_scope_and_revoke_of_a_missing_key_fail_saying_why()
    {
        var (code, output, error) = await RunAsync("keys", "create", "--name", "x", "--scopes", "read,owner");
        Assert.Equal(2, code);
        Assert.Equal("", output.Trim());
        Assert.Contains("'owner' is not a scope", error, StringComparison.Ordinal);

        (code, _, error) = await RunAsync("keys", "revoke", "987654321");
        Assert.Equal(1, code);
        Assert.Contains("there is no key 987654321", error, StringComparison.Ordinal);
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] arguments) =>
        IndexerProgram.RunAsync([.. arguments, $"--Access:HashIterations={KeyStorage.Iterations}"],
            new Dictionary<string, string> { ["ConnectionStrings__Search"] = database.ConnectionString }, TimeSpan.FromMinutes(2));
}
