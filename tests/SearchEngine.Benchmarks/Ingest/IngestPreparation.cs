using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SearchEngine.Access;
using SearchEngine.Benchmarks.Query;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Storage.Collections;
using SkiaSharp;

namespace SearchEngine.Benchmarks.Ingest;

/// <summary>
/// ingest-prepare: in the (throwaway) benchmark database, migrates, makes the empty collection bound to the default pack
/// (uploads never create one), a write key, and the JPEG pictures to upload (640×480, each different), before the
/// service starts, so the load measures only the uploads.
/// </summary>
internal static class IngestPreparation
{
    public const string Collection = "bench-ingest";

    public static async Task<int> RunAsync(string[] args)
    {
        var folder = Arguments.Value(args, "--images", null) ?? throw new ArgumentException("--images FOLDER is required.");
        var count = Arguments.Int(args, "--count", 400);
        var keyFile = Arguments.Value(args, "--key-file", null) ?? throw new ArgumentException("--key-file FILE is required.");
        await using var services = await BenchServices.StartAsync(BenchServices.ConnectionString(args));
        var pack = services.GetRequiredService<ModelPackRegistry>().Get();
        await services.GetRequiredService<CollectionStore>().CreateOrGetAsync(Collection, pack.Id, pack.Fingerprint, pack.Dimension);
        var keys = new ApiKeyStore(services.GetRequiredService<Npgsql.NpgsqlDataSource>(), Options.Create(new AccessOptions()));
        await File.WriteAllTextAsync(keyFile, (await keys.CreateAsync("ingest benchmark", [ApiScopes.Write], [Collection])).Token);

        Directory.CreateDirectory(folder);
        Parallel.For(0, count, i => File.WriteAllBytes(Path.Combine(folder, i.ToString("D5", CultureInfo.InvariantCulture) + ".jpg"), Picture(i)));
        Console.Error.WriteLine($"[ingest] collection {Collection} (pack {pack.Id}), {count} pictures in {folder}");
        return 0;
    }

    /// <summary>A 640×480 JPEG of a gradient and random shapes: varied content, a realistic size (tens of kilobytes).</summary>
    private static byte[] Picture(int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(640, 480);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var ground = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(640, 480), [Color(random), Color(random)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, 640, 480, ground);
            using var paint = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 40; i++)
            {
                paint.Color = Color(random).WithAlpha((byte)random.Next(96, 256));
                var x = random.Next(640);
                var y = random.Next(480);
                var size = random.Next(10, 160);
                switch (i % 3)
                {
                    case 0:
                        canvas.DrawCircle(x, y, size / 2f, paint);
                        break;
                    case 1:
                        canvas.DrawRect(x, y, size, size * 0.7f, paint);
                        break;
                    default:
                        paint.StrokeWidth = random.Next(1, 8);
                        canvas.DrawLine(x, y, random.Next(640), random.Next(480), paint);
                        break;
                }
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static SKColor Color(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
}
