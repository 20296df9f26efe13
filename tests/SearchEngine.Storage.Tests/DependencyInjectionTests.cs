using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class DependencyInjectionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task The_host_migrates_on_start_and_the_stores_share_one_data_source()
    {
        var services = new ServiceCollection();
        services.AddSearchEngineStorage(o => o.ConnectionString = database.ConnectionString);
        await using var provider = services.BuildServiceProvider();

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.Same(provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<System.Data.Common.DbDataSource>());
        var collection = await provider.GetRequiredService<CollectionStore>().CreateOrGetAsync("di", "p", "f", 4);
        Assert.Equal(FileState.New, await provider.GetRequiredService<DocumentStore>().CheckFileAsync(collection.Id, "x", TestStorage.Sha("x")));
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
