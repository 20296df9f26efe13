using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Fingerprints;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Storage;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Migrations;

namespace SearchEngine.Ingestion.Tests;

/// <summary>
/// The indexer's services wired as the console app wires them, on a real database and a temporary index folder,
/// with every log message kept for assertions.
/// </summary>
public sealed class Harness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Harness(ServiceProvider services, string indexFolder, ConcurrentQueue<string> logs)
    {
        _services = services;
        IndexFolder = indexFolder;
        Logs = logs;
    }

    public string IndexFolder { get; }

    public ConcurrentQueue<string> Logs { get; }

    public IServiceProvider Services => _services;

    public static async Task<Harness> CreateAsync(string connectionString, string? indexFolder = null, int batchSize = 4, int workers = 2, Action<Media.MediaOptions>? media = null)
    {
        var folder = indexFolder ?? Directory.CreateTempSubdirectory("searchengine-ingest-index-").FullName;
        var logs = new ConcurrentQueue<string>();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(new ListLoggerProvider(logs)).SetMinimumLevel(LogLevel.Information))
            .AddSearchEngineStorage(o => o.ConnectionString = connectionString)
            .AddMediaDecoding(media)
            .AddSearchEngineCollections(o => o.IndexFolder = folder)
            .AddFingerprints()
            .AddSearchEngineIngestion(o =>
            {
                o.BatchSize = batchSize;
                o.Workers = workers;
                o.ProgressInterval = TimeSpan.FromMilliseconds(200);
            })
            .BuildServiceProvider();
        var harness = new Harness(services, folder, logs);
        await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        return harness;
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public Task<IndexingSummary> IndexAsync(ModelPack pack, IndexingRequest request, CancellationToken cancellationToken = default) =>
        Get<IndexingJob>().RunAsync(request, pack, new IndexingProgress(), cancellationToken);

    public async Task<CollectionInfo> CollectionAsync(string name) =>
        await Get<CollectionStore>().GetByNameAsync(name) ?? throw new InvalidOperationException($"no collection {name}");

    public async Task<CollectionIndex> OpenIndexAsync(string collection) =>
        await Get<CollectionIndexLoader>().OpenAsync(await CollectionAsync(collection));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(IndexFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<string> target) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(target);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ConcurrentQueue<string> target) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                target.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
