using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SearchEngine.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster of one test's own (initdb into a temporary folder, pg_ctl on a free loopback port), for
/// tests that stop and start the server: the shared test cluster must never go down under other tests. As root, the
/// PostgreSQL programs run as the <c>postgres</c> user (the server refuses to run as root), like deploy/postgres.sh.
/// </summary>
public sealed class PrivatePostgresCluster : IAsyncDisposable
{
    private const string Superuser = "searchengine";
    private readonly string _bin;

    private PrivatePostgresCluster(string bin, string folder, int port)
    {
        _bin = bin;
        Folder = folder;
        Port = port;
    }

    /// <summary>The cluster's folder (data directory and log).</summary>
    public string Folder { get; }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    private string DataDirectory => Path.Combine(Folder, "data");

    private string LogFile => Path.Combine(Folder, "server.log");

    /// <summary>A superuser connection string to <paramref name="database"/>; pooling is off so a stop leaves no stale connections in the test.</summary>
    public string ConnectionString(string database = "searchengine") =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={Superuser};Database={database};Pooling=false;Timeout=5";

    /// <summary>Creates the cluster, starts it and creates database <c>searchengine</c>.</summary>
    public static async Task<PrivatePostgresCluster> StartNewAsync()
    {
        var bin = FindBin();
        var folder = Directory.CreateTempSubdirectory("searchengine-pg-").FullName;
        var cluster = new PrivatePostgresCluster(bin, folder, FreePort());
        try
        {
            Directory.CreateDirectory(cluster.DataDirectory);
            if (IsRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", folder]);
            }

            await cluster.RunPostgresAsync("initdb", ["-D", cluster.DataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--no-sync"]);
            await cluster.StartAsync();
            await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE searchengine", connection);
            await create.ExecuteNonQueryAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartAsync() => RunPostgresAsync("pg_ctl", [
        "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60",
        "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -k {DataDirectory} -c fsync=off", "start"]);

    /// <summary>Stops the server at once, as a crash or a pulled cable would (<c>-m immediate</c>: no clean shutdown).</summary>
    public Task StopAsync() => RunPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await StopAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task RunPostgresAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin, program);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    private static string FindBin()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        return bin ?? throw new InvalidOperationException(
            $"No PostgreSQL server programs (initdb, pg_ctl) under {root}: install Debian's postgresql package (deploy/postgres.sh does).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
