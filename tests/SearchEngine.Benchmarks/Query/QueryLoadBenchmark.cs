using System.Text.Json;
using SearchEngine.Core;

namespace SearchEngine.Benchmarks.Query;

/// <summary>
/// deploy/bench.sh query (load part): drives a running query API on 127.0.0.1 with text queries at concurrency 1, 8
/// and 32 and with image and audio uploads, and prints p50/p95/p99 latency and requests/s per level.
/// Arguments: --url http://127.0.0.1:PORT --collection NAME [--image-collection NAME] [--audio-collection NAME]
/// [--rerank rerank.json] [--quick] [--text-only] (no uploads, for iterating on the text path) [--service-pid PID] (adds
/// the service's CPU time per request). With --rerank, the rerank table written by query-prepare joins the final JSON line.
/// </summary>
internal static class QueryLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var quick = args.Contains("--quick");
        var textOnly = args.Contains("--text-only");
        var url = new Uri(Arg("--url", "http://127.0.0.1:8080"));
        var collection = Arg("--collection", "bench-100k");
        var imageCollection = Arg("--image-collection", Arg("--media-collection", "sample"));
        var audioCollection = Arg("--audio-collection", imageCollection);
        var rerankFile = args.SkipWhile(a => a != "--rerank").Skip(1).FirstOrDefault();
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        var servicePid = Arg("--service-pid", "") is { Length: > 0 } pid ? int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var client = new LoadClient(http, servicePid);

        // Distinct held-out captions, so the query-embedding cache does not turn the benchmark into a cache test.
        var captions = File.ReadAllLines(SharedData.Default.Require("datasets/flickr8k/captions.tsv")).Skip(1)
            .Select(l => l.Split('\t')[2]).Distinct().ToArray();
        var images = File.ReadAllLines(SharedData.Default.Require("datasets/flickr8k/splits/test.txt")).Take(64)
            .Select(f => SharedData.Default.Require($"datasets/flickr8k/images/{f[..2]}/{f}")).Select(p => (p, File.ReadAllBytes(p))).ToArray();
        var clips = File.ReadAllLines(SharedData.Default.Require("datasets/urbansound8k/labels.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Where(f => f[1] == "1").Take(64).Select(f => SharedData.Default.Require($"datasets/urbansound8k/{f[0]}")).Select(p => (p, File.ReadAllBytes(p))).ToArray();

        var cursor = 0;
        HttpRequestMessage TextQuery(int _)
        {
            var text = captions[Interlocked.Increment(ref cursor) % captions.Length];
            return new HttpRequestMessage(HttpMethod.Get, $"/api/search?collection={Uri.EscapeDataString(collection)}&q={Uri.EscapeDataString(text)}&k=10");
        }

        var loadBefore = LoadAverage();

        // Warm-up: load the index and the towers, JIT the paths.
        await client.RunAsync("warmup", 2, quick ? 20 : 60, TextQuery);

        var levels = new List<LoadClient.Level>();
        foreach (var concurrency in new[] { 1, 8, 32 })
        {
            levels.Add(await client.RunAsync("text", concurrency, quick ? 100 : concurrency == 1 ? 300 : 1000, TextQuery));
        }

        foreach (var concurrency in textOnly ? [] : new[] { 1, 8 })
        {
            // Uploads are decoded per request (ffmpeg for audio): far slower than text, so fewer requests keep the run bounded.
            levels.Add(await client.RunAsync("image_upload", concurrency, quick ? 20 : 64, i => LoadClient.Upload(imageCollection, images[i % images.Length].p, images[i % images.Length].Item2, "image")));
            levels.Add(await client.RunAsync("audio_upload", concurrency, quick ? 16 : 32, i => LoadClient.Upload(audioCollection, clips[i % clips.Length].p, clips[i % clips.Length].Item2, "audio")));
        }

        Console.WriteLine($"Query load against {url} (text: collection '{collection}'; image uploads: '{imageCollection}'; audio uploads: '{audioCollection}')");
        Console.WriteLine("| kind | concurrency | requests | errors | p50 ms | p95 ms | p99 ms | requests/s | service CPU ms/request |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in levels)
        {
            Console.WriteLine($"| {l.Kind} | {l.Concurrency} | {l.Requests} | {l.Errors} | {l.P50Ms} | {l.P95Ms} | {l.P99Ms} | {l.Rps:F1} | {l.ServiceCpuMsPerRequest?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"} |");
        }

        var figures = levels.ToDictionary(
            l => $"{l.Kind}_c{l.Concurrency}",
            l => new { p50_ms = l.P50Ms, p95_ms = l.P95Ms, p99_ms = l.P99Ms, rps = Math.Round(l.Rps, 1), errors = l.Errors, requests = l.Requests, service_cpu_ms_per_request = l.ServiceCpuMsPerRequest });
        var rerank = rerankFile is null ? (JsonElement?)null : JsonDocument.Parse(await File.ReadAllTextAsync(rerankFile)).RootElement;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "query",
            url = url.ToString(),
            collection,
            documents = Arg("--documents", "?"),
            image_collection = imageCollection,
            audio_collection = audioCollection,
            levels = figures,
            load_average = new { before = loadBefore, after = LoadAverage() }, // the 1/5/15-minute load: other work on the machine skews every figure
            goals = new
            {
                text_c8_p99_le_50ms = levels.FirstOrDefault(l => l.Kind == "text" && l.Concurrency == 8)?.P99Ms <= 50,
                text_c32_rps_ge_300 = levels.FirstOrDefault(l => l.Kind == "text" && l.Concurrency == 32)?.Rps >= 300,
            },
            rerank,
        }));
        return levels.Any(l => l.Errors > 0) ? 1 : 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
