using System.Diagnostics;
using System.Numerics.Tensors;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Media;
using SearchEngine.Media.Images;

namespace SearchEngine.Benchmarks.Encoders;

/// <summary>
/// deploy/bench.sh image-variants: does test-time augmentation of the image side pay? On Flickr8k dev (the selection
/// split; never test), the default pack's image tower embeds each photo as it is, averaged with its mirror image, and
/// averaged over five crops (the centre, the four corners at 87.5 %) plus the whole; text→image and image→text recall
/// against the dev captions, and the tower's time per photo, side by side in one run.
/// </summary>
internal static class ImageVariantsBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var packsFolder = Environment.GetEnvironmentVariable("SEARCHENGINE_PACKS") ?? Path.Combine(CacheDirectory.Root, "packs");
        using var registry = new ModelPackRegistry(new ModelPackLoader(OfflinePack.TowerFactories), Options.Create(new ModelPackOptions { PacksFolder = packsFolder, DefaultPackId = "offline" }));
        using var pack = registry.Get("offline");
        var media = new MediaOptions();
        var decoder = new ImageDecoder(Options.Create(media));
        var dev = File.ReadAllLines(SharedData.Default.Require("datasets/flickr8k/splits/dev.txt")).Where(l => l.Length > 0).Take(quick ? 200 : 1000).ToList();
        var captions = File.ReadAllLines(SharedData.Default.Require("datasets/flickr8k/captions.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(c => dev.Contains(c[0])).ToList();
        var photos = dev.Select(f => decoder.Decode(SharedData.Default.Require($"datasets/flickr8k/images/{f[..2]}/{f}"), media.ImageShortSide)).ToList();
        var texts = pack.RequireText().Embed([.. captions.Select(c => c[2])]);
        var captionImages = captions.Select(c => dev.IndexOf(c[0])).ToArray();

        var variants = new (string Name, Func<RgbImage, RgbImage[]> Views)[]
        {
            ("as is", image => [image]),
            ("+ mirror", image => [image, Mirror(image)]),
            ("+ 5 crops", image => [image, .. Crops(image)]),
        };
        var rows = new List<object>();
        Console.WriteLine($"{"variant",-12} {"t2i R@1",8} {"t2i R@10",9} {"i2t R@1",8} {"ms/photo",9}");
        foreach (var (name, views) in variants)
        {
            var clock = Stopwatch.StartNew();
            var vectors = photos.Select(photo => Mean(pack.RequireImage().Embed(views(photo)))).ToArray();
            var ms = clock.Elapsed.TotalMilliseconds / photos.Count;
            var (t2i1, t2i10) = Recall(texts, vectors, (q, i) => captionImages[q] == i);
            var (i2t1, _) = Recall(vectors, texts, (q, c) => captionImages[c] == q);
            Console.WriteLine($"{name,-12} {t2i1,8:F1} {t2i10,9:F1} {i2t1,8:F1} {ms,9:F1}");
            rows.Add(new { variant = name, t2i_r1 = t2i1, t2i_r10 = t2i10, i2t_r1 = i2t1, ms_per_photo = Math.Round(ms, 2) });
        }

        Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "image-variants", split = "flickr8k dev", photos = photos.Count, rows }));
        return Task.FromResult(0);
    }

    private static float[] Mean(float[][] views)
    {
        var mean = new float[views[0].Length];
        foreach (var view in views)
        {
            TensorPrimitives.Add(mean, view, mean);
        }

        TensorPrimitives.Divide(mean, TensorPrimitives.Norm(mean), mean);
        return mean;
    }

    // R@1 and R@10 of queries over items; relevant(q, i) names the right items.
    private static (double R1, double R10) Recall(float[][] queries, float[][] items, Func<int, int, bool> relevant)
    {
        int r1 = 0, r10 = 0;
        for (var q = 0; q < queries.Length; q++)
        {
            var scores = items.Select(item => TensorPrimitives.Dot(queries[q], item)).ToArray();
            var order = Enumerable.Range(0, items.Length).OrderByDescending(i => scores[i]).Take(10).ToList();
            r1 += relevant(q, order[0]) ? 1 : 0;
            r10 += order.Any(i => relevant(q, i)) ? 1 : 0;
        }

        return (Math.Round(100.0 * r1 / queries.Length, 2), Math.Round(100.0 * r10 / queries.Length, 2));
    }

    private static RgbImage Mirror(RgbImage image)
    {
        var pixels = new byte[image.Pixels.Length];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image.Pixels.AsSpan(((y * image.Width) + x) * 3, 3).CopyTo(pixels.AsSpan(((y * image.Width) + image.Width - 1 - x) * 3));
            }
        }

        return new RgbImage(image.Width, image.Height, pixels);
    }

    private static IEnumerable<RgbImage> Crops(RgbImage image)
    {
        var width = image.Width * 7 / 8;
        var height = image.Height * 7 / 8;
        foreach (var (left, top) in new[] { ((image.Width - width) / 2, (image.Height - height) / 2), (0, 0), (image.Width - width, 0), (0, image.Height - height), (image.Width - width, image.Height - height) })
        {
            var pixels = new byte[width * height * 3];
            for (var y = 0; y < height; y++)
            {
                image.Pixels.AsSpan((((top + y) * image.Width) + left) * 3, width * 3).CopyTo(pixels.AsSpan(y * width * 3));
            }

            yield return new RgbImage(width, height, pixels);
        }
    }
}
