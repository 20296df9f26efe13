using SearchEngine.Benchmarks.Ann;

// Benchmark dispatcher: dotnet run -c Release --project tests/SearchEngine.Benchmarks -- NAME [args].
// Each benchmark prints a readable table and ends with one line holding a JSON object (see deploy/bench.sh).
var benchmarks = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["ann"] = AnnBenchmark.Run,
};
if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: SearchEngine.Benchmarks NAME [args]; benchmarks: {string.Join(", ", benchmarks.Keys)}");
    return 2;
}
return run(args[1..]);
