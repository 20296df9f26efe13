using SearchEngine.Benchmarks.Ann;
using SearchEngine.Benchmarks.Cluster;
using SearchEngine.Benchmarks.Encoders;
using SearchEngine.Benchmarks.Fingerprints;
using SearchEngine.Benchmarks.Ingest;
using SearchEngine.Benchmarks.Maps;
using SearchEngine.Benchmarks.Ocr;
using SearchEngine.Benchmarks.Query;

// Benchmark dispatcher: dotnet run -c Release --project tests/SearchEngine.Benchmarks -- NAME [args].
// Each benchmark prints a readable table and ends with one line holding a JSON object (see deploy/bench.sh).
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["ann"] = a => Task.FromResult(AnnBenchmark.Run(a)),
    ["cluster"] = ClusterBenchmark.RunAsync,
    ["cpu-parity"] = BackboneCpuParity.RunAsync,
    ["encoders"] = EncoderBenchmark.RunAsync,
    ["fft"] = FftComparison.RunAsync,
    ["fingerprint"] = FingerprintBenchmark.RunAsync,
    ["image-variants"] = ImageVariantsBenchmark.RunAsync,
    ["ingest-load"] = IngestLoadBenchmark.RunAsync,
    ["ingest-prepare"] = IngestPreparation.RunAsync,
    ["map"] = MapBenchmark.RunAsync,
    ["ocr-enrich"] = OcrEnrichment.RunAsync,
    ["ocr-evaluate"] = OcrEvaluation.RunAsync,
    ["ocr-inspect"] = OcrInspection.RunAsync,
    ["ocr-prepare"] = OcrPictureSet.RunAsync,
    ["query-cpu"] = QueryCpu.RunAsync,
    ["query-load"] = QueryLoadBenchmark.RunAsync,
    ["query-prepare"] = QueryPreparation.RunAsync,
    ["query-stages"] = QueryStages.RunAsync,
    ["text-encoder"] = TextEncoderBenchmark.RunAsync,
};
if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: SearchEngine.Benchmarks NAME [args]; benchmarks: {string.Join(", ", benchmarks.Keys)}");
    return 2;
}

return await run(args[1..]);
