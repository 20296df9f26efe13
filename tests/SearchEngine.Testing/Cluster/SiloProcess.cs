using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Npgsql;

namespace SearchEngine.Testing.Cluster;

/// <summary>
/// A real <c>searchengine-silo</c> process on loopback, for tests and benchmarks that need a silo to die the way a
/// machine does: <see cref="Kill"/> is SIGKILL to the whole process tree, with no shutdown, no goodbye to the cluster
/// and no index file saved. Disposing kills it too, so a failed test leaves no silo behind.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>Orleans' <c>SiloStatus.Active</c> as <c>cluster_members.status</c> stores it.</summary>
    private const int ActiveStatus = 3;

    private const int TailLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();

    private SiloProcess(Process process, SiloProcessOptions options, int siloPort, int gatewayPort)
    {
        _process = process;
        Options = options;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    /// <summary>How the silo was started.</summary>
    public SiloProcessOptions Options { get; }

    /// <summary>The port silos reach this one on.</summary>
    public int SiloPort { get; }

    /// <summary>The port clients connect to.</summary>
    public int GatewayPort { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended (killed or crashed).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The silo's address as Orleans prints it without its generation (<c>127.0.0.1:PORT</c>): a shard answer's
    /// <c>Silo</c> (an activation's runtime identity) contains it followed by ':'.
    /// </summary>
    public string Endpoint => $"127.0.0.1:{SiloPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The process's resident memory now, in bytes.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>The last lines the silo wrote, for a failure message.</summary>
    public string Tail => string.Join('\n', _tail);

    /// <summary>Starts the silo; it joins the cluster in the background (see <see cref="WaitUntilActiveAsync"/>).</summary>
    public static SiloProcess Start(SiloProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.Assembly))
        {
            throw new FileNotFoundException($"The silo is not built at {options.Assembly}.", options.Assembly);
        }

        Directory.CreateDirectory(options.IndexFolder);
        var siloPort = options.SiloPort == 0 ? FreePort() : options.SiloPort;
        var gatewayPort = options.GatewayPort == 0 ? FreePort() : options.GatewayPort;
        var info = new ProcessStartInfo("dotnet", [options.Assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(options.Assembly)!,
        };
        Set(info, "ConnectionStrings:Search", options.ConnectionString);
        Set(info, "Cluster:Membership", "PostgreSQL");
        Set(info, "Cluster:ClusterId", options.ClusterId);
        Set(info, "Cluster:AdvertisedAddress", "127.0.0.1");
        Set(info, "Cluster:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture));
        Set(info, "Cluster:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture));
        Set(info, "Search:IndexFolder", options.IndexFolder);
        Set(info, "Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in options.Settings)
        {
            Set(info, key, value);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{options.Name} did not start.");
        var silo = new SiloProcess(process, options, siloPort, gatewayPort);
        process.OutputDataReceived += (_, e) => silo.Received(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>
    /// Waits until the silo is <c>Active</c> in the cluster's member list in PostgreSQL (<c>cluster_members</c>),
    /// which is when other silos place grains on it and clients find its gateway.
    /// </summary>
    /// <exception cref="InvalidOperationException">The process ended first.</exception>
    /// <exception cref="TimeoutException">Not active within <paramref name="timeout"/>.</exception>
    public async Task WaitUntilActiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        await using var dataSource = NpgsqlDataSource.Create(Options.ConnectionString);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Options.Name} exited with {_process.ExitCode} before it was active:\n{Tail}");
            }

            if (await IsActiveAsync(dataSource, cancellationToken))
            {
                return;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Options.Name} was not active in cluster_members within {timeout}:\n{Tail}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>SIGKILL to the silo and anything it started, as a machine dying would end it; returns once it is gone.</summary>
    public void Kill()
    {
        HardKill.Kill(_process);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The silo assembly a test project recorded at build time as <c>AssemblyMetadata("SearchEngineSilo", path)</c>
    /// (see tests/SearchEngine.Cluster.Tests' project file), so tests run the silo their own build produced.
    /// </summary>
    public static string RecordedAssembly(Assembly testAssembly)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        var path = testAssembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "SearchEngineSilo")?.Value
            ?? throw new InvalidOperationException($"{testAssembly.GetName().Name} did not record where the silo is built (AssemblyMetadata SearchEngineSilo).");
        return Path.GetFullPath(path);
    }

    /// <summary>A loopback port free at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<bool> IsActiveAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "SELECT count(*) FROM cluster_members WHERE cluster_id = @cluster AND address LIKE @address AND status = @active");
            command.Parameters.AddWithValue("cluster", Options.ClusterId);
            command.Parameters.AddWithValue("address", Endpoint + "@%");
            command.Parameters.AddWithValue("active", ActiveStatus);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false; // not migrated yet: the silo cannot have joined
        }
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        _tail.Enqueue(line);
        while (_tail.Count > TailLines)
        {
            _tail.TryDequeue(out _);
        }

        Options.Output?.Invoke($"[{Options.Name}] {line}");
    }

    // Configuration keys become environment variables with "__" for ':', which the silo's host reads over its files.
    private static void Set(ProcessStartInfo info, string key, string value) => info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
}
