using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SearchEngine.Core.Vectors;
using SearchEngine.Index;

namespace SearchEngine.Benchmarks.Ann;

/// <summary>
/// The scale run: N synthetic clustered vectors (a mixture of Gaussian clusters, normalized; default 1,000,000 × 512),
/// built with all cores; reports build time, memory, and recall@10 with p50/p99 latency at the smallest ef reaching 0.95
/// (ground truth by brute force over a query sample).
/// </summary>
internal static class ScaleBenchmark
{
    public static int Run(string[] args)
    {
        var n = int.Parse(AnnBenchmark.Arg(args, "--scale-n") ?? "1000000", CultureInfo.InvariantCulture);
        var dim = int.Parse(AnnBenchmark.Arg(args, "--scale-dim") ?? "512", CultureInfo.InvariantCulture);
        var clusters = int.Parse(AnnBenchmark.Arg(args, "--scale-clusters") ?? "2000", CultureInfo.InvariantCulture);
        const int nq = 1000;
        const int k = 10;
        var rng = new Random(7);
        var centres = new float[clusters * dim];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = Gaussian(rng);
        }
        float[] Draw(int count)
        {
            var rows = new float[(long)count * dim > int.MaxValue ? throw new ArgumentException("too large") : count * dim];
            for (var r = 0; r < count; r++)
            {
                var c = rng.Next(clusters);
                var row = rows.AsSpan(r * dim, dim);
                double norm = 0;
                for (var d = 0; d < dim; d++)
                {
                    row[d] = centres[(c * dim) + d] + (0.35f * Gaussian(rng));
                    norm += row[d] * row[d];
                }
                var inv = (float)(1 / Math.Sqrt(norm));
                for (var d = 0; d < dim; d++)
                {
                    row[d] *= inv;
                }
            }
            return rows;
        }
        var baseRows = Draw(n);
        var queries = Draw(nq);
        Console.WriteLine($"scale: {n}×{dim}, {clusters} clusters, {nq} queries, cores={Environment.ProcessorCount}");
        var truth = new long[nq][];
        Parallel.For(0, nq, q =>
        {
            var best = new PriorityQueue<long, float>();
            var query = queries.AsSpan(q * dim, dim);
            for (var i = 0; i < n; i++)
            {
                var s = System.Numerics.Tensors.TensorPrimitives.Dot(query, baseRows.AsSpan(i * dim, dim));
                best.Enqueue(i, s);
                if (best.Count > k)
                {
                    best.Dequeue();
                }
            }
            truth[q] = [.. best.UnorderedItems.Select(x => x.Element)];
        });
        var rss0 = Rss();
        var sw = Stopwatch.StartNew();
        using var index = new HnswIndex(new HnswOptions { Dimension = dim, M = 16, EfConstruction = 200 });
        index.UpsertBatch(Enumerable.Range(0, n).Select(i => (long)i).ToArray(), baseRows, threads: 0);
        var build = sw.Elapsed.TotalSeconds;
        var memory = (Rss() - rss0) / 1048576.0;
        Console.WriteLine($"scale: build {build:F1} s ({Environment.ProcessorCount} threads), RSS +{memory:F0} MiB, graph {index.GraphBytes / 1048576.0:F0} MiB");
        JsonObject? chosen = null;
        foreach (var ef in new[] { 10, 20, 40, 60, 80, 120, 160, 200, 300, 400, 600, 800 })
        {
            var latencies = new double[nq];
            long hit = 0;
            var options = new VectorSearchOptions { Ef = ef };
            for (var q = 0; q < nq; q++)
            {
                var t = Stopwatch.GetTimestamp();
                var hits = index.Search(queries.AsSpan(q * dim, dim), k, options);
                latencies[q] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                var expected = new HashSet<long>(truth[q]);
                hit += hits.Count(h => expected.Contains(h.Id));
            }
            Array.Sort(latencies);
            var recall = hit / (double)(nq * k);
            Console.WriteLine($"scale: ef={ef,4} recall@10={recall:F4} p50={latencies[nq / 2]:F3} ms p99={latencies[nq * 99 / 100]:F3} ms");
            chosen = new JsonObject { ["ef"] = ef, ["recall_at_10"] = Math.Round(recall, 4), ["p50_ms"] = Math.Round(latencies[nq / 2], 3), ["p99_ms"] = Math.Round(latencies[nq * 99 / 100], 3) };
            if (recall >= 0.95)
            {
                break;
            }
        }
        Console.WriteLine(new JsonObject
        {
            ["benchmark"] = "ann-scale",
            ["n"] = n,
            ["dim"] = dim,
            ["clusters"] = clusters,
            ["threads"] = Environment.ProcessorCount,
            ["build_s"] = Math.Round(build, 1),
            ["memory_mib"] = Math.Round(memory, 0),
            ["at_recall_095"] = chosen,
        }.ToJsonString());
        return 0;
    }

    private static float Gaussian(Random rng) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));

    private static long Rss()
    {
        var memory = ProcessMemory.Now();
        return memory.AnonBytes + memory.FileBytes;
    }
}
