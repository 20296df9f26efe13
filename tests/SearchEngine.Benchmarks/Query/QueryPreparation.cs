using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Collections;
using SearchEngine.Embeddings.Packs;

namespace SearchEngine.Benchmarks.Query;

/// <summary>
/// deploy/bench.sh query (preparation and rerank part), before the service starts: makes sure the benchmark database
/// holds the generated collection (<c>--generated N</c> documents) and the real evaluation collections, writes their
/// index files so the service starts warm, then runs <see cref="RerankEvaluation"/> and writes its table as JSON to
/// <c>--output</c>. Arguments: --connection CS --generated N [--rerank-queries Q] [--output rerank.json] [--pack ID]
/// (the default pack unless --pack names another installed one).
/// </summary>
internal static class QueryPreparation
{
    public static async Task<int> RunAsync(string[] args)
    {
        var generatedCount = Arguments.Int(args, "--generated", 100_000);
        var rerankQueries = Arguments.Int(args, "--rerank-queries", 4_000);
        var output = Arguments.Value(args, "--output", null);
        await using var services = await BenchServices.StartAsync(BenchServices.ConnectionString(args), Arguments.Value(args, "--pack", null));
        var pack = services.GetRequiredService<ModelPackRegistry>().Get();
        Console.Error.WriteLine($"[query] default pack {pack.Id} ({pack.Dimension}-d, fingerprint {pack.Fingerprint[..12]}…)");

        var watch = Stopwatch.StartNew();
        var generated = await ActivatorUtilities.CreateInstance<GeneratedCollection>(services).EnsureAsync(pack, generatedCount);
        var evaluation = ActivatorUtilities.CreateInstance<EvaluationCollections>(services);
        var collections = new[]
        {
            generated,
            await evaluation.EnsureFlickr8kAsync(pack, "dev"),
            await evaluation.EnsureFlickr8kAsync(pack, "test"),
            await evaluation.EnsureUrbanSoundAsync(pack, 1),
        };
        Console.Error.WriteLine($"[query] collections ready in {watch.Elapsed.TotalSeconds:F0} s");

        // Build (or load and catch up) each index once and save it, so the service's start-up is a file load.
        var loader = services.GetRequiredService<CollectionIndexLoader>();
        foreach (var collection in collections)
        {
            watch.Restart();
            using var index = await loader.OpenAsync(collection);
            index.Save();
            Console.Error.WriteLine($"[query] index of {collection.Name}: {index.Index.Count} vectors, ready in {watch.Elapsed.TotalSeconds:F0} s");
        }

        var outcome = await new RerankEvaluation(services).RunAsync(rerankQueries);
        Console.WriteLine($"Rerank evaluation (in-process SearchService; fusion weight chosen on Flickr8k dev: {outcome.ChosenWeight}; {outcome.Seconds:F0} s)");
        RecallRow.Print(outcome.Rows);
        var json = JsonSerializer.Serialize(new
        {
            chosen_hybrid_text_weight = outcome.ChosenWeight,
            configured_hybrid_text_weight = new Retrieval.RetrievalOptions().HybridTextWeight,
            rows = outcome.Rows.Select(r => r.ToJson()),
        });
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, json);
        }

        Console.WriteLine(json);
        return 0;
    }
}
