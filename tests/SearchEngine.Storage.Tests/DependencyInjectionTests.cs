using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Migrations;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class DependencyInjectionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Nothing_runs_at_host_start_the_runner_migrates_and_the_stores_share_one_data_source()
    {
        var services = new ServiceCollection();
        services.AddSearchEngineStorage(o => o.ConnectionString = database.ConnectionString);
        await using var provider = services.BuildServiceProvider();

        // A read-only API must start while PostgreSQL is down and never change the schema: no hosted service at all.
        Assert.Empty(provider.GetServices<IHostedService>());
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync();

        Assert.Same(provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<System.Data.Common.DbDataSource>());
        var collection = await provider.GetRequiredService<CollectionStore>().CreateOrGetAsync("di", "p", "f", 4);
        Assert.Equal(FileState.New, await provider.GetRequiredService<DocumentStore>().CheckFileAsync(collection.Id, "x", TestStorage.Sha("x")));
    }

    [Fact]
    public async Task The_statement_timeout_option_reaches_every_session()
    {
        var services = new ServiceCollection();
        services.AddSearchEngineStorage(o =>
        {
            o.ConnectionString = database.ConnectionString;
            o.StatementTimeout = TimeSpan.FromMilliseconds(1500);
        });
        await using var provider = services.BuildServiceProvider();
        await using var connection = await provider.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var show = new NpgsqlCommand("SHOW statement_timeout", connection);
        Assert.Equal("1500ms", await show.ExecuteScalarAsync());

        await using var slow = new NpgsqlCommand("SELECT pg_sleep(5)", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => slow.ExecuteNonQueryAsync());
        Assert.Equal("57014", error.SqlState);
        Assert.True(DatabaseUnavailable.Is(error), "a statement cancelled by the timeout must read as 'database unavailable' (503), not a request error");
    }

    [Fact]
    public void A_missing_connection_string_is_reported_by_name()
    {
        var services = new ServiceCollection();
        services.AddSearchEngineStorage(_ => { });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<NpgsqlDataSource>());
        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }
}
