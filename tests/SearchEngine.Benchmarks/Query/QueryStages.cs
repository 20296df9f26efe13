using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Core;
using SearchEngine.Core.Vectors;
using SearchEngine.Retrieval;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Serving;

namespace SearchEngine.Benchmarks.Query;

/// <summary>
/// Where a text query's time goes, in-process and one query at a time: the text tower (uncached captions), the HNSW
/// search alone (k' = 100, ef = 200), the whole pipeline with the embedding already cached (rescoring, catalogue, BM25
/// fusion and the page read from PostgreSQL), and the whole pipeline cold. Prints medians and p95 per stage.
/// Arguments: --connection CS --collection NAME [--queries N].
/// </summary>
internal static class QueryStages
{
    public static async Task<int> RunAsync(string[] args)
    {
        var collection = Arguments.Value(args, "--collection", "bench-generated-100000")!;
        var count = Arguments.Int(args, "--queries", 300);
        await using var services = await BenchServices.StartAsync(BenchServices.ConnectionString(args));
        var serving = services.GetRequiredService<ICollectionServing>();
        var encoder = services.GetRequiredService<QueryEncoder>();
        var search = services.GetRequiredService<SearchService>();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var opening = Stopwatch.StartNew();
        var served = await serving.OpenAsync(collection);
        var opened = opening.Elapsed.TotalSeconds;
        var openedMiB = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (1024.0 * 1024); // the graph is native memory

        var captions = File.ReadAllLines(SharedData.Default.Require("datasets/flickr8k/captions.tsv")).Skip(1)
            .Select(l => l.Split('\t')[2]).Distinct().ToArray();
        var warm = captions.Take(50).ToArray();
        var cold = captions.Skip(50).Take(count).ToArray();
        var encodeOnly = captions.Skip(50 + count).Take(count).ToArray();
        foreach (var text in warm)
        {
            await search.SearchAsync(new SearchQuery { Collection = collection, Text = text });
        }

        var full = await TimeAsync(cold, t => search.SearchAsync(new SearchQuery { Collection = collection, Text = t }));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cached = await TimeAsync(cold, t => search.SearchAsync(new SearchQuery { Collection = collection, Text = t }));
        var allocatedPerQuery = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)cold.Length;
        var vectors = new List<float[]>();
        var encode = await TimeAsync(encodeOnly, async t => vectors.Add((await encoder.EncodeAsync(served, new SearchQuery { Collection = collection, Text = t }, default)).Vector));
        var options = new VectorSearchOptions { Ef = 200 };
        var graph = await TimeAsync(vectors, v => Task.FromResult(served.Index.Search(v, 100, options)));

        Console.WriteLine($"Text query stages on '{collection}' ({served.Index.Count} vectors, {served.Catalogue.DocumentCount} documents; index and catalogue opened in {opened:F1} s; managed heap +{openedMiB:F0} MiB for the catalogue and the pack's towers), {count} queries, one at a time; load: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| stage | p50 ms | p95 ms | mean ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, times) in new[] { ("whole query, cold embedding", full), ("whole query, cached embedding", cached), ("text tower", encode), ("HNSW search k'=100 ef=200", graph) })
        {
            Array.Sort(times);
            Console.WriteLine($"| {name} | {times[times.Length / 2]:F2} | {times[(int)(times.Length * 0.95)]:F2} | {times.Average():F2} |");
        }

        Console.WriteLine($"Allocated per query (cached embedding, whole pipeline with the page read): {allocatedPerQuery / 1024:F1} KiB");
        return 0;
    }

    private static async Task<double[]> TimeAsync<T, TResult>(IReadOnlyList<T> items, Func<T, Task<TResult>> run)
    {
        var times = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await run(items[i]);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return times;
    }

    private static Task<double[]> TimeAsync<T>(IReadOnlyList<T> items, Func<T, Task> run) =>
        TimeAsync(items, async item =>
        {
            await run(item);
            return 0;
        });
}
