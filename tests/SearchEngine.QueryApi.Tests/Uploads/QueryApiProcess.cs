using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using SearchEngine.Testing;
using SearchEngine.Testing.Cluster;

namespace SearchEngine.QueryApi.Tests.Uploads;

/// <summary>
/// The real query-api as a process of its own on a loopback port, so a test can end it as a crash would:
/// <see cref="Kill"/> is SIGKILL, with no shutdown and nothing flushed. Disposing kills it too.
/// </summary>
internal sealed class QueryApiProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();

    private QueryApiProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Tail => string.Join('\n', _tail);

    /// <summary>Starts query-api with <paramref name="settings"/> and waits until it answers /ready.</summary>
    public static async Task<QueryApiProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan timeout)
    {
        var assembly = Path.GetFullPath(typeof(QueryApiProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SearchEngineQueryApi").Value!);
        var port = SiloProcess.FreePort();
        var info = new ProcessStartInfo("dotnet", [assembly, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("query-api did not start.");
        var api = new QueryApiProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        process.OutputDataReceived += (_, e) => api.Received(e.Data);
        process.ErrorDataReceived += (_, e) => api.Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"query-api exited with {process.ExitCode}:\n{api.Tail}");
            }

            try
            {
                using var ready = await client.GetAsync("ready");
                if (ready.IsSuccessStatusCode)
                {
                    return api;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > timeout)
            {
                api.Dispose();
                throw new TimeoutException($"query-api was not ready within {timeout}:\n{api.Tail}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL; returns once the process is gone.</summary>
    public void Kill()
    {
        HardKill.Kill(_process);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        _tail.Enqueue(line);
        while (_tail.Count > 200)
        {
            _tail.TryDequeue(out _);
        }
    }
}
