using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;
using Testcontainers.PostgreSql;

namespace SearchEngine.Testing;

/// <summary>
/// The one place that decides which real PostgreSQL server the tests use, in this order:
/// 1. the connection string in <c>SEARCHENGINE_TEST_POSTGRES</c>;
/// 2. a Testcontainers.PostgreSql container, when a Docker engine is reachable;
/// 3. the local cluster that <c>deploy/postgres.sh</c> starts (deploy/test.sh runs it), found with <c>pg_lsclusters</c>.
/// Tests never talk to a mock. Each test class gets a database of its own (<see cref="PostgresDatabase"/>).
/// </summary>
public static class PostgresServer
{
    /// <summary>The environment variable holding a connection string to a server the tests may create databases on.</summary>
    public const string EnvironmentVariable = "SEARCHENGINE_TEST_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnectionString;
    private static PostgreSqlContainer? _container;

    /// <summary>A connection string with the right to create databases; resolved once per test process.</summary>
    public static async Task<string> AdminConnectionStringAsync()
    {
        if (_adminConnectionString is not null)
        {
            return _adminConnectionString;
        }

        await Gate.WaitAsync();
        try
        {
            _adminConnectionString ??= await ResolveAsync();
            return _adminConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> ResolveAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await EnsureReachableAsync(configured, $"{EnvironmentVariable} is set");
            return configured;
        }

        if (DockerEngineReachable())
        {
            _container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await _container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return _container.GetConnectionString();
        }

        var local = LocalClusterConnectionString();
        if (local is not null)
        {
            await EnsureReachableAsync(local, "a local cluster is listed by pg_lsclusters");
            return local;
        }

        throw new InvalidOperationException(
            "No PostgreSQL server for the tests. Provide one of: (1) a connection string in " + EnvironmentVariable +
            " for a role that may create databases; (2) a running Docker engine, for Testcontainers.PostgreSql; " +
            "(3) a local cluster started by deploy/postgres.sh (Debian's postgresql package; deploy/test.sh runs it for you).");
    }

    private static async Task EnsureReachableAsync(string connectionString, string why)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"PostgreSQL for the tests was chosen because {why}, but it cannot be reached: {e.Message}", e);
        }
    }

    private static bool DockerEngineReachable()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socket = host is not null && host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : "/var/run/docker.sock";
        if (host is not null && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return true;
        }

        if (!File.Exists(socket))
        {
            return false;
        }

        try
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            probe.Connect(new UnixDomainSocketEndPoint(socket));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string? LocalClusterConnectionString()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_lsclusters", "-h") { RedirectStandardOutput = true, UseShellExecute = false });
            if (process is null)
            {
                return null;
            }

            var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            process.WaitForExit();
            foreach (var line in lines)
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 4 && fields[3] == "online")
                {
                    var role = Environment.GetEnvironmentVariable("SEARCHENGINE_PG_ROLE") ?? "searchengine";
                    var password = Environment.GetEnvironmentVariable("SEARCHENGINE_PG_PASSWORD") ?? "searchengine";
                    return $"Host=127.0.0.1;Port={fields[2]};Username={role};Password={password};Database={role}";
                }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_lsclusters is not installed: no local cluster.
        }

        return null;
    }
}
