using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Core;
using SearchEngine.Core.Vectors;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Retrieval;
using SearchEngine.Retrieval.Documents;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Serving;
using SearchEngine.Testing;

namespace SearchEngine.Benchmarks.Query;

/// <summary>
/// Where a text query's CPU goes, in-process, one query at a time: the process's CPU time (all threads, so ONNX
/// Runtime's pool and async hops are counted) around each call of each stage, over distinct Flickr8k captions, with
/// medians. On a shared 2-core machine wall time mostly measures waiting for a core; CPU time per query is what the
/// service's p99 under concurrent load is made of. Stages nest, so differences between rows are costs too:
/// the text tower against the sentence encoder is the head, the cached-embedding search against the HNSW search is
/// rescoring, catalogue, BM25 fusion, relevance and the page read. Arguments: --connection CS [--collection NAME]
/// [--queries N] [--onnx-threads N] (0: query-api's default, one per core).
/// </summary>
internal static class QueryCpu
{
    public static async Task<int> RunAsync(string[] args)
    {
        var collection = Arguments.Value(args, "--collection", "bench-generated-10000")!;
        var count = Arguments.Int(args, "--queries", 400);
        var onnxThreads = Arguments.Int(args, "--onnx-threads", 0);
        await using var services = await BenchServices.StartAsync(BenchServices.ConnectionString(args), onnxThreads: onnxThreads);
        var served = await services.GetRequiredService<ICollectionServing>().OpenAsync(collection);
        var search = services.GetRequiredService<SearchService>();
        var records = services.GetRequiredService<IDocumentRecords>();
        var encoder = services.GetRequiredService<QueryEncoder>();
        var tower = served.Text ?? throw new InvalidOperationException($"Collection '{collection}' has no text tower.");
        var sentence = (tower as SentenceTextTower)?.Encoder;

        // Distinct captions: the query-embedding cache only helps in the rows that say so.
        var captions = File.ReadAllLines(SharedData.Default.Require("datasets/flickr8k/captions.tsv")).Skip(1)
            .Select(l => l.Split('\t')[2]).Distinct().ToArray();
        // A long warm-up: tiered JIT compiles on a background thread of this process, which the process clock counts.
        var warm = captions.Take(300).ToArray();
        var texts = captions.Skip(300).Take(count).ToArray();
        var fresh = captions.Skip(300 + count).Take(count).ToArray();
        SearchQuery Query(string text, bool rerank = true, bool hybrid = true) => new() { Collection = collection, Text = text, Rerank = rerank, Hybrid = hybrid };
        foreach (var text in warm)
        {
            await search.SearchAsync(Query(text));
            await search.SearchAsync(Query(text, rerank: false));
            await search.SearchAsync(Query(text, hybrid: false));
            tower.Embed([text]);
            sentence?.Encode(text);
        }

        var stages = new List<(string Name, Samples Samples)>();
        var pages = new List<long[]>();
        stages.Add(("whole search, cold embedding (SearchService)", await MeasureAsync(texts, async t =>
            pages.Add([.. (await search.SearchAsync(Query(t))).Hits.Select(h => h.Document.Id)]))));
        if (sentence is not null)
        {
            stages.Add(("  tokenizer", await MeasureAsync(texts, t => Task.FromResult(sentence.Tokenizer.Encode(t)))));
            stages.Add(("  sentence encoder (tokens + MiniLM + pooling)", await MeasureAsync(texts, t => Task.FromResult(sentence.Encode(t)))));
        }

        var vectors = new List<float[]>();
        stages.Add(("  text tower (encoder + head)", await MeasureAsync(texts, t =>
        {
            vectors.Add(tower.Embed([t])[0]);
            return Task.CompletedTask;
        })));
        var options = new VectorSearchOptions { Ef = 200 };
        stages.Add(("  HNSW search k'=100 ef=200", await MeasureAsync(vectors, v => Task.FromResult(served.Index.Search(v, 100, options)))));
        stages.Add(("  search, cached embedding, rerank off", await MeasureAsync(texts, t => search.SearchAsync(Query(t, rerank: false)))));
        stages.Add(("  search, cached embedding, rerank on, hybrid off", await MeasureAsync(texts, t => search.SearchAsync(Query(t, hybrid: false)))));
        stages.Add(("  search, cached embedding (rescoring + BM25 fusion)", await MeasureAsync(texts, t => search.SearchAsync(Query(t)))));
        stages.Add(("  query encoding, cached embedding (QueryEncoder)", await MeasureAsync(texts, t => encoder.EncodeAsync(served, Query(t), default))));
        stages.Add(("  page read from PostgreSQL (k records)", await MeasureAsync(pages, ids => records.GetManyAsync(ids))));
        stages.Add(("whole search, cold embedding, other captions", await MeasureAsync(fresh, t => search.SearchAsync(Query(t)))));

        // Eight queries in flight, as the load benchmark's c8 level has: CPU per query then includes what concurrency
        // costs or saves (thread hand-offs, ONNX runs shared by concurrent queries).
        var concurrent = captions.Skip(300 + (2 * count)).Take(2 * count).ToArray();
        var latencies = new double[concurrent.Length];
        var next = -1;
        var cpuStarted = ProcessCpuClock.NowMilliseconds();
        var wallStarted = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < concurrent.Length)
            {
                var started = Stopwatch.GetTimestamp();
                await search.SearchAsync(Query(concurrent[i]));
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        var concurrentCpu = (ProcessCpuClock.NowMilliseconds() - cpuStarted) / concurrent.Length;
        var concurrentRate = concurrent.Length / Stopwatch.GetElapsedTime(wallStarted).TotalSeconds;
        Array.Sort(latencies);

        Console.WriteLine($"Text query CPU by stage on '{collection}' ({served.Index.Count} vectors), {texts.Length} distinct captions one at a time, " +
            $"ONNX intra-op threads {(onnxThreads > 0 ? onnxThreads : Environment.ProcessorCount)}; load: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| stage | CPU ms p50 | CPU ms mean | wall ms p50 |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, samples) in stages)
        {
            Console.WriteLine($"| {name} | {samples.CpuMedian:F3} | {samples.CpuMean:F3} | {samples.WallMedian:F3} |");
        }

        Console.WriteLine($"8 at once ({concurrent.Length} other captions, cold embedding): {concurrentCpu:F3} CPU ms per query (mean), " +
            $"latency p50 {latencies[latencies.Length / 2]:F1} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:F1} ms, {concurrentRate:F0} queries/s");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "query-cpu",
            collection,
            queries = texts.Length,
            onnx_threads = onnxThreads,
            concurrent8 = new { cpu_ms_per_query = Math.Round(concurrentCpu, 3), p50_ms = Math.Round(latencies[latencies.Length / 2], 1), p99_ms = Math.Round(latencies[(int)(latencies.Length * 0.99)], 1), qps = Math.Round(concurrentRate) },
            stages = stages.ToDictionary(s => s.Name.Trim(), s => new { cpu_ms_p50 = Math.Round(s.Samples.CpuMedian, 3), cpu_ms_mean = Math.Round(s.Samples.CpuMean, 3), wall_ms_p50 = Math.Round(s.Samples.WallMedian, 3) }),
        }));
        return 0;
    }

    private static async Task<Samples> MeasureAsync<T, TResult>(IReadOnlyList<T> items, Func<T, Task<TResult>> run)
    {
        var cpu = new double[items.Count];
        var wall = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var cpuStarted = ProcessCpuClock.NowMilliseconds();
            var started = Stopwatch.GetTimestamp();
            await run(items[i]);
            wall[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            cpu[i] = ProcessCpuClock.NowMilliseconds() - cpuStarted;
        }

        return new Samples(cpu, wall);
    }

    private static Task<Samples> MeasureAsync<T>(IReadOnlyList<T> items, Func<T, Task> run) =>
        MeasureAsync(items, async item =>
        {
            await run(item);
            return 0;
        });

    private sealed class Samples(double[] cpu, double[] wall)
    {
        public double CpuMedian { get; } = Median(cpu);

        public double CpuMean { get; } = cpu.Average();

        public double WallMedian { get; } = Median(wall);

        private static double Median(double[] values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }
    }
}
