using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SearchEngine.Benchmarks.Fingerprints;
using SearchEngine.Benchmarks.Query;

namespace SearchEngine.Benchmarks.Ingest;

/// <summary>
/// ingest-load: uploads the prepared pictures to the running query API over HTTP, one picture per request, first with 1
/// client, then with 4 (throughput: pictures acknowledged per second of wall time); then 4 clients that each, after every
/// upload, search by the same picture until the new document is the top hit (time-to-searchable: from sending the
/// upload to the search answer that holds it). Prints a table and, last, one line of JSON.
/// </summary>
internal static class IngestLoadBenchmark
{
    private const double ThroughputGoal = 50;
    private const double SearchableGoalSeconds = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(Arguments.Value(args, "--url", null) ?? throw new ArgumentException("--url is required."));
        var key = (await File.ReadAllTextAsync(Arguments.Value(args, "--key-file", null) ?? throw new ArgumentException("--key-file is required."))).Trim();
        var pictures = Directory.GetFiles(Arguments.Value(args, "--images", null) ?? throw new ArgumentException("--images is required."), "*.jpg").Order(StringComparer.Ordinal).ToArray();
        var perPhase = pictures.Length / 3;

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        // Warm-up outside the measurement: the first upload opens the collection and loads the image tower.
        await UploadAsync(client, pictures[^1]);

        var one = await ThroughputAsync(client, pictures[..perPhase], clients: 1);
        var four = await ThroughputAsync(client, pictures[perPhase..(2 * perPhase)], clients: 4);
        var searchable = await TimeToSearchableAsync(client, pictures[(2 * perPhase)..^1], clients: 4);

        var p50 = Percentile.Of(searchable, 50);
        var p99 = Percentile.Of(searchable, 99);
        Console.WriteLine($"{"phase",-34} {"pictures",9} {"seconds",9} {"pictures/s",11}");
        Console.WriteLine($"{"upload, 1 client",-34} {one.Count,9} {one.Seconds,9:0.00} {one.PerSecond,11:0.0}");
        Console.WriteLine($"{"upload, 4 clients",-34} {four.Count,9} {four.Seconds,9:0.00} {four.PerSecond,11:0.0}");
        Console.WriteLine();
        Console.WriteLine($"time to searchable (4 clients, {searchable.Count} uploads): p50 {p50:0.000} s, p99 {p99:0.000} s, max {searchable.Max():0.000} s");
        Console.WriteLine($"goal ≥ {ThroughputGoal} pictures/s with 4 clients: {(four.PerSecond >= ThroughputGoal ? "met" : "NOT met")} ({four.PerSecond:0.0})");
        Console.WriteLine($"goal time-to-searchable p99 ≤ {SearchableGoalSeconds} s: {(p99 <= SearchableGoalSeconds ? "met" : "NOT met")} ({p99:0.000} s)");
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["images_per_s_c1"] = Math.Round(one.PerSecond, 2),
            ["images_per_s_c4"] = Math.Round(four.PerSecond, 2),
            ["time_to_searchable_p50_s"] = Math.Round(p50, 4),
            ["time_to_searchable_p99_s"] = Math.Round(p99, 4),
            ["images_per_phase"] = perPhase,
            ["goal_images_per_s_c4_met"] = four.PerSecond >= ThroughputGoal,
            ["goal_time_to_searchable_p99_met"] = p99 <= SearchableGoalSeconds,
        }));
        return 0;
    }

    private sealed record Throughput(int Count, double Seconds)
    {
        public double PerSecond => Count / Seconds;
    }

    private static async Task<Throughput> ThroughputAsync(HttpClient client, string[] pictures, int clients)
    {
        var queue = new ConcurrentQueue<string>(pictures);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var picture))
            {
                await UploadAsync(client, picture);
            }
        })));
        return new Throughput(pictures.Length, clock.Elapsed.TotalSeconds);
    }

    private static async Task<List<double>> TimeToSearchableAsync(HttpClient client, string[] pictures, int clients)
    {
        var queue = new ConcurrentQueue<string>(pictures);
        var seconds = new ConcurrentBag<double>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var picture))
            {
                var started = Stopwatch.GetTimestamp();
                var id = await UploadAsync(client, picture);
                while (await TopHitAsync(client, picture) != id)
                {
                    if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
                    {
                        throw new TimeoutException($"Document {id} was not searchable 30 s after its upload was sent.");
                    }

                    await Task.Delay(10);
                }

                seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        })));
        return [.. seconds];
    }

    private static async Task<long> UploadAsync(HttpClient client, string picture)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(await File.ReadAllBytesAsync(picture));
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "file", Path.GetFileName(picture));
        using var response = await client.PostAsync($"/api/collections/{IngestPreparation.Collection}/documents", form);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Upload of {picture} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("documents")[0].GetProperty("id").GetInt64();
    }

    private static async Task<long?> TopHitAsync(HttpClient client, string picture)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(IngestPreparation.Collection), "collection" },
            { new StringContent("1"), "k" },
            { new StringContent("false"), "rerank" },
        };
        var part = new ByteArrayContent(await File.ReadAllBytesAsync(picture));
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "file", Path.GetFileName(picture));
        using var response = await client.PostAsync("/api/search", form);
        response.EnsureSuccessStatusCode();
        var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("results");
        return results.GetArrayLength() == 0 ? null : results[0].GetProperty("id").GetInt64();
    }
}
