using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SearchEngine.Collections;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Ingestion;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Media;
using SearchEngine.Storage;
using SearchEngine.Testing;

namespace SearchEngine.QueryApi.Tests;

/// <summary>
/// The real query API over a real PostgreSQL database and a real index that the real indexing job built from
/// <see cref="SampleCorpus"/> with the default (trained) model pack. Shared by the tests of one class.
/// </summary>
public sealed class SearchSite : IAsyncLifetime
{
    public const string Collection = "sample";
    public const long UploadLimit = 2 * 1024 * 1024;

    private readonly PostgresDatabase _database = new();
    private readonly string _state = Directory.CreateTempSubdirectory("searchengine-site-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public SampleCorpus Corpus { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Search"] = _database.ConnectionString,
            ["Search:IndexFolder"] = Path.Combine(_state, "index"),
            ["Search:ThumbnailFolder"] = Path.Combine(_state, "thumbnails"),
            ["ModelPacks:PacksFolder"] = DefaultPack.PacksFolder,
            ["ModelPacks:DefaultPackId"] = DefaultPack.Id,
            ["QueryApi:MaxUploadBytes"] = UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        await IndexCorpusAsync(settings);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        });
        Client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _database.DisposeAsync();
        Corpus.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    private async Task IndexCorpusAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSearchEngineStorage(o => o.ConnectionString = _database.ConnectionString)
            .AddMediaDecoding()
            .AddModelPacks(o => configuration.GetSection("ModelPacks").Bind(o))
            .AddSearchEngineCollections(o => configuration.GetSection(CollectionIndexOptions.SectionName).Bind(o))
            .AddSearchEngineIngestion();
        await using var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None); // applies the schema migrations
        }

        var pack = provider.GetRequiredService<ModelPackRegistry>().Get(DefaultPack.Id);
        var job = provider.GetRequiredService<IndexingJob>();
        var summary = await job.RunAsync(new IndexingRequest(Collection, [Corpus.Folder]), pack, IndexingProgress.Silent, CancellationToken.None);
        if (summary.Failures.Count > 0)
        {
            throw new InvalidOperationException("Indexing the sample corpus failed for: " + string.Join("; ", summary.Failures.Select(f => $"{f.Path}: {f.Reason}")));
        }
    }
}
