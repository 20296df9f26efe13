using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchEngine.Collections;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Media;
using SearchEngine.Retrieval;
using SearchEngine.Serving;
using SearchEngine.Storage;
using SearchEngine.Storage.Migrations;

namespace SearchEngine.Benchmarks.Query;

/// <summary>
/// The services the query benchmarks need in-process: the same registrations as query-api (storage, media decoding, model
/// packs, collection indexes, the retrieval pipeline and the serving replica, <see cref="CollectionServing"/>), against the benchmark
/// database named by <c>--connection</c>.
/// </summary>
internal static class BenchServices
{
    /// <param name="connectionString">The benchmark database.</param>
    /// <param name="packId">Another installed pack than the default one.</param>
    /// <param name="onnxThreads">ONNX Runtime intra-op threads per session; 0 leaves query-api's default (one per core).</param>
    /// <param name="configure">More registrations (the OCR benchmark adds the enrichment pass).</param>
    public static async Task<ServiceProvider> StartAsync(string connectionString, string? packId = null, int onnxThreads = 0, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddSearchEngineStorage(o => o.ConnectionString = connectionString);
        services.AddMediaDecoding();
        services.AddModelPacks(o =>
        {
            if (packId is not null)
            {
                o.DefaultPackId = packId;
            }
        });
        if (onnxThreads > 0)
        {
            services.Configure<OnnxSessionOptions>(o => o.IntraOpThreads = onnxThreads);
        }

        services.AddSearchEngineCollections();
        services.AddRetrieval();
        services.AddSearchEngineServing();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync();
        return provider;
    }

    public static string ConnectionString(string[] args) =>
        Arguments.Value(args, "--connection", null)
        ?? Environment.GetEnvironmentVariable("ConnectionStrings__Search")
        ?? throw new InvalidOperationException("Give the benchmark database: --connection \"Host=127.0.0.1;Database=searchengine_bench;…\" (deploy/bench/query.sh does).");
}
