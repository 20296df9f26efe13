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
/// and the exact trustworthiness (Venna &amp; Kaski) at k = 10 of the 10k layout; then the page's figures in Chromium
/// (<see cref="MapPageBenchmark"/>): first_draw_ms_100k and pan_fps.
/// Arguments: --sizes 10000,100000 --threads 2 --seed 42 --page-points 100000 --page-runs 3 --pan-seconds 3;
/// --page-only skips the layouts, --no-page skips the page.
/// </summary>
internal static class MapBenchmark
{
    private const int Dimension = 256;

    public static async Task<int> RunAsync(string[] args)
    {
        var pageOnly = args.Contains("--page-only");
        var sizes = (Arg(args, "--sizes") ?? "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var threads = int.Parse(Arg(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        var seed = int.Parse(Arg(args, "--seed") ?? "42", CultureInfo.InvariantCulture);
        var result = new Dictionary<string, object?>();
        if (!pageOnly)
        {
            Layouts(sizes, threads, seed, result);
        }

        if (!args.Contains("--no-page"))
        {
            await PageAsync(args, result);
        }

        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task PageAsync(string[] args, Dictionary<string, object?> result)
    {
        var points = int.Parse(Arg(args, "--page-points") ?? "100000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Arg(args, "--page-runs") ?? "3", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Arg(args, "--pan-seconds") ?? "3", CultureInfo.InvariantCulture);
        var page = await MapPageBenchmark.RunAsync(points, runs, seconds);
        Console.WriteLine($"Map page, {points} generated points, Chromium 1280x900 without GPU (2-D canvas), median of {runs} loads");
        Console.WriteLine($"{"points",8} {"first draw ms",14} {"from navigation ms",19} {"pan fps",8} {"frames",7} {"pan s",6} {"draw ms",8}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{points,8} {page.FirstDrawMs,14:F0} {page.FirstDrawFromNavigationMs,19:F0} {page.PanFps,8:F1} {page.Frames,7} {page.PanSeconds,6:F1} {page.DrawMs,8:F2}"));
        var label = points % 1000 == 0 ? $"{points / 1000}k" : points.ToString(CultureInfo.InvariantCulture);
        result[$"first_draw_ms_{label}"] = Math.Round(page.FirstDrawMs);
        result["pan_fps"] = Math.Round(page.PanFps, 1);
    }

    private static void Layouts(int[] sizes, int threads, int seed, Dictionary<string, object?> result)
    {
        result["threads"] = threads;
        result["dimension"] = Dimension;
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

    }

    private static string? Arg(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
