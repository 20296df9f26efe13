using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Audio;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Vision;
using SearchEngine.Media;
using SearchEngine.Media.Audio;
using SearchEngine.Media.Images;

namespace SearchEngine.Benchmarks.Encoders;

/// <summary>
/// deploy/bench.sh encoders: images/s and audio real-time factor of the default pack's towers on this machine, for
/// batch sizes 1, 8 and 32, with the share of time in decode, preprocessing and inference, and the end-to-end rate
/// of a two-stage pipeline (parallel decode feeding batched inference) as the indexer runs it.
/// </summary>
internal static class EncoderBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var packsFolder = Environment.GetEnvironmentVariable("SEARCHENGINE_PACKS") ?? Path.Combine(CacheDirectory.Root, "packs");
        var packId = Environment.GetEnvironmentVariable("SEARCHENGINE_PACK_ID") ?? "offline";
        using var registry = new ModelPackRegistry(new ModelPackLoader(OfflinePack.TowerFactories), Options.Create(new ModelPackOptions { PacksFolder = packsFolder, DefaultPackId = packId }));
        using var pack = registry.Get(packId);
        var media = new MediaOptions();
        var images = new ImageDecoder(Options.Create(media));
        var audio = new AudioDecoder(Options.Create(media));

        var imageFiles = File.ReadAllLines(SharedData.Default.Require("datasets/flickr8k/splits/test.txt"))
            .Take(quick ? 96 : 512)
            .Select(f => SharedData.Default.Require($"datasets/flickr8k/images/{f[..2]}/{f}"))
            .ToList();
        var clipFiles = File.ReadAllLines(SharedData.Default.Require("datasets/urbansound8k/labels.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(f => f[1] == "1").Take(quick ? 16 : 96)
            .Select(f => SharedData.Default.Require($"datasets/urbansound8k/{f[0]}"))
            .ToList();

        Console.WriteLine($"Encoders of pack '{pack.Id}' ({pack.Dimension}-d) on {Environment.ProcessorCount} cores; {imageFiles.Count} images, {clipFiles.Count} clips{(quick ? " (quick)" : "")}");

        // Warm-up: first ONNX runs allocate and pick kernels.
        var warm = images.Decode(imageFiles[0], media.ImageShortSide);
        pack.RequireImage().Embed([warm, warm]);

        var decoded = new List<RgbImage>(imageFiles.Count);
        var decodeSeconds = Time(() =>
        {
            foreach (var file in imageFiles)
            {
                decoded.Add(images.Decode(file, media.ImageShortSide));
            }
        });

        var writer = new ImageTensorWriter(ImagePreprocessing.MobileNetV2);
        var tensor = new float[ImagePreprocessing.MobileNetV2.TensorLength];
        var preprocessSeconds = Time(() =>
        {
            foreach (var image in decoded)
            {
                writer.Write(image, tensor);
            }
        });

        var imageRows = new List<(int Batch, double PerSecond)>();
        foreach (var batch in new[] { 1, 8, 32 })
        {
            var seconds = Time(() =>
            {
                foreach (var chunk in decoded.Chunk(batch))
                {
                    pack.RequireImage().Embed(chunk);
                }
            });
            imageRows.Add((batch, decoded.Count / seconds));
        }

        var embedSeconds32 = decoded.Count / imageRows.Single(r => r.Batch == 32).PerSecond;
        var endToEnd = await ImagePipelineAsync(imageFiles, images, media.ImageShortSide, pack, batch: 32);

        var clips = new List<AudioClip>(clipFiles.Count);
        var audioDecodeOneByOneSeconds = await TimeAsync(async () =>
        {
            foreach (var file in clipFiles)
            {
                await audio.DecodeAsync(file, pack.RequireAudio().SampleRate);
            }
        });
        // Batches of 8 files per ffmpeg process, as the indexer's decode stage takes them.
        var audioDecodeSeconds = await TimeAsync(async () =>
        {
            foreach (var batch in clipFiles.Chunk(8))
            {
                clips.AddRange((await audio.DecodeManyAsync(batch, pack.RequireAudio().SampleRate)).Select(r => r.GetClip()));
            }
        });
        var audioSeconds = clips.Sum(c => c.Duration);
        var frontEnd = new YamnetFrontEnd();
        var frontEndSeconds = Time(() =>
        {
            foreach (var clip in clips)
            {
                frontEnd.Compute(clip.Samples, out _);
            }
        });
        var audioEmbedSeconds = Time(() =>
        {
            foreach (var clip in clips)
            {
                pack.RequireAudio().Embed(clip);
            }
        });
        var audioEndToEnd = audioSeconds / (audioDecodeSeconds / Math.Max(1, Environment.ProcessorCount) + audioEmbedSeconds);

        var captions = File.ReadAllLines(SharedData.Default.Require("datasets/flickr8k/captions.tsv")).Skip(1).Take(quick ? 256 : 1024).Select(l => l.Split('\t')[2]).ToList();
        var textRows = new List<(int Batch, double PerSecond)>();
        foreach (var batch in new[] { 1, 8, 32 })
        {
            var seconds = Time(() =>
            {
                foreach (var chunk in captions.Chunk(batch))
                {
                    pack.RequireText().Embed(chunk);
                }
            });
            textRows.Add((batch, captions.Count / seconds));
        }

        var imageTotal = decodeSeconds + embedSeconds32;
        Console.WriteLine();
        Console.WriteLine("| tower | batch | items/s |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (batch, rate) in imageRows)
        {
            Console.WriteLine($"| image (preprocess + inference) | {batch} | {rate:F1} |");
        }

        foreach (var (batch, rate) in textRows)
        {
            Console.WriteLine($"| text | {batch} | {rate:F1} |");
        }

        Console.WriteLine($"| audio (front end + inference, per clip) | clip | {audioSeconds / audioEmbedSeconds:F1}× real time |");
        Console.WriteLine();
        Console.WriteLine("| stage | images: ms/item (1 thread) | share |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| decode (JPEG → RGB, short side 256) | {1000 * decodeSeconds / decoded.Count:F2} | {decodeSeconds / imageTotal:P0} |");
        Console.WriteLine($"| preprocess (resize, crop, normalize) | {1000 * preprocessSeconds / decoded.Count:F2} | {preprocessSeconds / imageTotal:P0} |");
        Console.WriteLine($"| inference (MobileNetV2 + head, batch 32) | {1000 * (embedSeconds32 - preprocessSeconds) / decoded.Count:F2} | {(embedSeconds32 - preprocessSeconds) / imageTotal:P0} |");
        Console.WriteLine();
        Console.WriteLine($"End to end, images (parallel decode → batched inference): {endToEnd:F1} images/s");
        Console.WriteLine($"Audio: decode {audioDecodeSeconds:F2} s in batches of 8 files per ffmpeg process ({audioDecodeOneByOneSeconds:F2} s one by one), front end {frontEndSeconds:F2} s, front end + inference {audioEmbedSeconds:F2} s for {audioSeconds:F0} s of audio; end to end {audioEndToEnd:F0}× real time");

        var figures = new
        {
            benchmark = "encoders",
            pack = pack.Id,
            quick,
            images = decoded.Count,
            images_per_s = Math.Round(endToEnd, 1),
            image_tower_per_s = imageRows.ToDictionary(r => $"batch_{r.Batch}", r => Math.Round(r.PerSecond, 1)),
            image_ms = new
            {
                decode = Math.Round(1000 * decodeSeconds / decoded.Count, 3),
                preprocess = Math.Round(1000 * preprocessSeconds / decoded.Count, 3),
                inference = Math.Round(1000 * (embedSeconds32 - preprocessSeconds) / decoded.Count, 3),
            },
            text_tower_per_s = textRows.ToDictionary(r => $"batch_{r.Batch}", r => Math.Round(r.PerSecond, 1)),
            audio_seconds = Math.Round(audioSeconds, 1),
            audio_realtime_factor = Math.Round(audioEndToEnd, 1),
            audio_s = new
            {
                decode = Math.Round(audioDecodeSeconds, 3),
                decode_one_by_one = Math.Round(audioDecodeOneByOneSeconds, 3),
                front_end = Math.Round(frontEndSeconds, 3),
                front_end_and_inference = Math.Round(audioEmbedSeconds, 3),
            },
        };
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    /// <summary>Decode on all cores but one, feeding batched inference on the caller's thread, as the indexer does.</summary>
    private static async Task<double> ImagePipelineAsync(IReadOnlyList<string> files, ImageDecoder decoder, int shortSide, ModelPack pack, int batch)
    {
        var channel = Channel.CreateBounded<RgbImage>(batch * 4);
        var started = Stopwatch.GetTimestamp();
        var producers = Task.Run(async () =>
        {
            await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (file, ct) =>
                await channel.Writer.WriteAsync(decoder.Decode(file, shortSide), ct));
            channel.Writer.Complete();
        });

        var pending = new List<RgbImage>(batch);
        await foreach (var image in channel.Reader.ReadAllAsync())
        {
            pending.Add(image);
            if (pending.Count == batch)
            {
                pack.RequireImage().Embed(pending);
                pending.Clear();
            }
        }

        if (pending.Count > 0)
        {
            pack.RequireImage().Embed(pending);
        }

        await producers;
        return files.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
