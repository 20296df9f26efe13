using System.Diagnostics;
using SearchEngine.Core;

namespace SearchEngine.Testing;

/// <summary>The built <c>searchengine-indexer</c>, run as a child process the way a person runs it.</summary>
public static class IndexerProgram
{
    /// <summary>The indexer's start info: <c>dotnet exec</c> of the build matching the tests' configuration, outputs redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["exec", Dll(), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Runs the indexer to its end (at most <paramref name="limit"/>) and returns its exit code and outputs.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan limit)
    {
        using var process = Process.Start(StartInfo(arguments, environment)) ?? throw new InvalidOperationException("the indexer did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string Dll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("the tests run outside the repository");
        var dll = Path.Combine(root, "indexer", "bin", configuration, "net10.0", "searchengine-indexer.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the indexer is not built at {dll}", dll);
    }
}
