using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SearchEngine.Core;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Embeddings.Vision;
using SearchEngine.Media;
using SearchEngine.Media.Images;

namespace SearchEngine.Benchmarks.Encoders;

/// <summary>
/// Does the image backbone give the same numbers on every CPU? <c>dump DIR</c> writes MobileNetV2's features and logits
/// for Flickr8k dev photos, computed as stored (int8) and as its float32 graph, with the instruction sets this process
/// sees; deploy/bench/cpu-parity.sh runs it natively and under qemu-user CPU models without AVX-512 or VNNI, then
/// <c>compare NATIVE OTHER...</c> prints how far each run is from the native one.
/// </summary>
internal static class BackboneCpuParity
{
    private const string Model = "models/mobilenetv2/mobilenetv2-12-int8-features.onnx";
    private static readonly string?[] Precisions = [null, Float32Graph.Precision];

    public static Task<int> RunAsync(string[] args) => Task.FromResult(args switch
    {
        ["dump", var folder, ..] => Dump(folder, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 32),
        ["compare", var native, .. var others] when others.Length > 0 => Compare(native, others),
        _ => Usage(),
    });

    private static int Usage()
    {
        Console.Error.WriteLine("usage: cpu-parity dump DIR [IMAGES] | cpu-parity compare NATIVE_DIR OTHER_DIR...");
        return 2;
    }

    private static int Dump(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var media = new MediaOptions();
        var decoder = new ImageDecoder(Options.Create(media));
        var writer = new ImageTensorWriter(ImagePreprocessing.MobileNetV2);
        var files = File.ReadAllLines(SharedData.Default.Require("datasets/flickr8k/splits/dev.txt")).Where(l => l.Length > 0).Take(count).ToList();
        var tensor = new float[files.Count * writer.Settings.TensorLength];
        for (var i = 0; i < files.Count; i++)
        {
            var image = decoder.Decode(SharedData.Default.Require($"datasets/flickr8k/images/{files[i][..2]}/{files[i]}"), media.ImageShortSide);
            writer.Write(image, tensor.AsSpan(i * writer.Settings.TensorLength, writer.Settings.TensorLength));
        }

        // One thread: emulated runs are slow, and the numbers must not depend on the thread count either.
        var sessions = new OnnxSessionFactory(new OnnxSessionOptions { IntraOpThreads = 1 });
        foreach (var precision in Precisions)
        {
            using var session = sessions.Open(SharedData.Default.Require(Model), precision);
            using var runOptions = new RunOptions();
            using var features = new BinaryWriter(File.Create(Path.Combine(folder, $"{Name(precision)}.features.f32")));
            using var logits = new BinaryWriter(File.Create(Path.Combine(folder, $"{Name(precision)}.logits.f32")));
            for (var i = 0; i < files.Count; i++)
            {
                using var input = OrtValue.CreateTensorValueFromMemory(tensor.AsMemory(i * writer.Settings.TensorLength, writer.Settings.TensorLength).ToArray(), [1, 3, 224, 224]);
                using var outputs = session.Run(runOptions, ["input"], [input], ["output", "features"]);
                logits.Write(MemoryMarshal.AsBytes(outputs[0].GetTensorDataAsSpan<float>()));
                features.Write(MemoryMarshal.AsBytes(outputs[1].GetTensorDataAsSpan<float>()));
            }
        }

        // .NET exposes no AVX-512 VNNI flag: CPUID leaf 7, ECX bit 11.
        var avx512Vnni = (X86Base.CpuId(7, 0).Ecx & (1 << 11)) != 0;
        var cpu = $"avx2={Avx2.IsSupported} avx512f={Avx512F.IsSupported} avx512bw={Avx512BW.IsSupported} avx512vnni={avx512Vnni} avxvnni={AvxVnni.IsSupported}";
        File.WriteAllText(Path.Combine(folder, "cpu.txt"), cpu);
        Console.WriteLine($"{folder}: {files.Count} images, {cpu}");
        return 0;
    }

    private static int Compare(string native, string[] others)
    {
        var rows = new List<object>();
        Console.WriteLine($"{"run",-16} {"cpu",-70} {"precision",-9} {"min cos feat",12} {"min cos logit",13} {"bit-identical",13} {"same top-1",10}");
        foreach (var other in others)
        {
            foreach (var precision in Precisions)
            {
                var a = Read(native, precision, "features", 1280);
                var b = Read(other, precision, "features", 1280);
                var la = Read(native, precision, "logits", 1000);
                var lb = Read(other, precision, "logits", 1000);
                var minFeatures = a.Zip(b, Cosine).Min();
                var minLogits = la.Zip(lb, Cosine).Min();
                var identical = a.Zip(b).Count(p => p.First.AsSpan().SequenceEqual(p.Second));
                var sameTop1 = la.Zip(lb).Count(p => ArgMax(p.First) == ArgMax(p.Second));
                var cpu = File.ReadAllText(Path.Combine(other, "cpu.txt"));
                Console.WriteLine($"{Path.GetFileName(other),-16} {cpu,-70} {Name(precision),-9} {minFeatures,12:F7} {minLogits,13:F7} {identical,6}/{a.Count,-6} {sameTop1,4}/{a.Count,-5}");
                rows.Add(new { run = Path.GetFileName(other), cpu, precision = Name(precision), min_cosine_features = minFeatures, min_cosine_logits = minLogits, bit_identical = identical, same_top1 = sameTop1, images = a.Count });
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "cpu-parity", native = File.ReadAllText(Path.Combine(native, "cpu.txt")), runs = rows }));
        return 0;
    }

    private static string Name(string? precision) => precision ?? "int8";

    private static List<float[]> Read(string folder, string? precision, string kind, int width)
    {
        var all = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(folder, $"{Name(precision)}.{kind}.f32"))).ToArray();
        return [.. all.Chunk(width)];
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return na == 0 && nb == 0 ? 1 : dot / Math.Sqrt(na * nb);
    }

    private static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());
}
