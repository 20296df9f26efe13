using System.Diagnostics;
using System.Net.Http.Headers;

namespace SearchEngine.Benchmarks.Query;

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> workers each send a request, wait for its answer and send the
/// next, until <c>requests</c> have been sent. Only loopback targets; bounded in count, so it always stops.
/// </summary>
internal sealed class LoadClient(HttpClient client, int? servicePid = null)
{
    /// <summary>
    /// Latency and throughput of one load level, and the service's CPU time per request (all its threads; null when its
    /// process id is not known). On a shared machine the CPU time is the steadier figure: latency includes every wait for a core.
    /// </summary>
    public sealed record Level(string Kind, int Concurrency, int Requests, int Errors, double P50Ms, double P95Ms, double P99Ms, double Rps, double? ServiceCpuMsPerRequest = null);

    public async Task<Level> RunAsync(string kind, int concurrency, int requests, Func<int, HttpRequestMessage> makeRequest)
    {
        if (client.BaseAddress is not { IsLoopback: true })
        {
            throw new InvalidOperationException("The load client only targets loopback addresses.");
        }

        var latencies = new double[requests];
        var next = -1;
        var errors = 0;
        var cpuBefore = ServiceCpu();
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                using var request = makeRequest(i);
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuMs = (ServiceCpu() - cpuBefore)?.TotalMilliseconds;
        Array.Sort(latencies);
        return new Level(kind, concurrency, requests, errors, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99), requests / elapsed,
            cpuMs is { } ms ? Math.Round(ms / requests, 3) : null);
    }

    private TimeSpan? ServiceCpu()
    {
        if (servicePid is not { } pid)
        {
            return null;
        }

        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }

    public static HttpRequestMessage Upload(string collection, string path, byte[] bytes, string modality)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(collection), "collection" },
            { new StringContent(modality), "modality" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", Path.GetFileName(path));
        return new HttpRequestMessage(HttpMethod.Post, "/api/search") { Content = form };
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 2);
}
