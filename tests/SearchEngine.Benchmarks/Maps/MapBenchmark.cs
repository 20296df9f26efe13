using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SearchEngine.Maps;
using SearchEngine.Maps.Umap;
using SearchEngine.Testing;

namespace SearchEngine.Benchmarks.Maps;

/// <summary>
/// Embedding-map benchmark (issue 17): UMAP layout time of synthetic clustered 256-d unit vectors (the cluster
/// benchmark's mixture of Gaussians) at 10k and 100k points on a given number of threads, with the time of each stage,
/// and the exact trustworthiness (Venna &amp; Kaski) at k = 10 of the 10k layout. The page's figures
/// (first_draw_ms_100k, pan_fps) are measured in the browser and left to the page's own benchmark.
/// Arguments: --sizes 10000,100000 --threads 2 --seed 42.
/// </summary>
internal static class MapBenchmark
{
    private const int Dimension = 256;

    public static Task<int> RunAsync(string[] args)
    {
        var sizes = (Arg(args, "--sizes") ?? "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var threads = int.Parse(Arg(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        var seed = int.Parse(Arg(args, "--seed") ?? "42", CultureInfo.InvariantCulture);
        var result = new Dictionary<string, object?> { ["threads"] = threads, ["dimension"] = Dimension };
        Console.WriteLine($"UMAP layout, {Dimension}-d clustered unit vectors, {threads} threads, k=15, min_dist 0.1");
        Console.WriteLine($"{"points",8} {"clusters",8} {"epochs",6} {"knn s",7} {"union s",7} {"pca s",6} {"sgd s",7} {"total s",8} {"trust@10",9}");
        foreach (var n in sizes)
        {
            var clusters = Math.Max(16, Math.Min(4_000, n / 25));
            var (rows, _) = new GaussianMixture(new Random(20261204), clusters, Dimension, spread: 0.8f / MathF.Sqrt(Dimension)).DrawRows(n);
            var options = new UmapOptions { Seed = seed, Threads = threads };
            var stages = new Dictionary<string, double>();
            var clock = Stopwatch.StartNew();
            var layout = UmapLayout.Compute(rows, n, Dimension, options, (stage, time) => stages[stage] = time.TotalSeconds);
            var total = clock.Elapsed.TotalSeconds;
            double? trust = n <= 20_000 ? Trustworthiness.Compute(rows, n, Dimension, layout, k: 10, threads) : null;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n,8} {clusters,8} {options.EpochsFor(n),6} {stages["knn_graph"],7:F2} {stages["fuzzy_union"],7:F2} {stages["pca_init"],6:F2} {stages["sgd"],7:F2} {total,8:F2} {(trust is { } t ? t.ToString("F4", CultureInfo.InvariantCulture) : "-"),9}"));
            var label = n % 1000 == 0 ? $"{n / 1000}k" : n.ToString(CultureInfo.InvariantCulture);
            result[$"layout_s_{label}"] = Math.Round(total, 2);
            if (trust is { } value)
            {
                result[$"trustworthiness_{label}"] = Math.Round(value, 4);
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(result));
        return Task.FromResult(0);
    }

    private static string? Arg(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
