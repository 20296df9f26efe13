using SearchEngine.Testing;
using SkiaSharp;

namespace SearchEngine.QueryApi.Tests.Uploads;

/// <summary>Real media made for the upload tests: JPEG pictures drawn with SkiaSharp (each seed a different picture) and WAV tones made by ffmpeg.</summary>
internal static class UploadMedia
{
    /// <summary>A 640×480 JPEG of coloured shapes on a coloured ground, different for every <paramref name="seed"/>.</summary>
    public static byte[] Jpeg(int seed, int width = 640, int height = 480)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(RandomColor(random));
            using var paint = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 12; i++)
            {
                paint.Color = RandomColor(random);
                var x = random.Next(width);
                var y = random.Next(height);
                var size = random.Next(20, 200);
                if (i % 2 == 0)
                {
                    canvas.DrawCircle(x, y, size / 2f, paint);
                }
                else
                {
                    canvas.DrawRect(x, y, size, size * 0.6f, paint);
                }
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    /// <summary>A mono 16 kHz WAV of a <paramref name="frequency"/> Hz tone lasting <paramref name="seconds"/>.</summary>
    public static byte[] Wav(int frequency, double seconds = 2)
    {
        var path = Path.Combine(Path.GetTempPath(), $"searchengine-upload-tone-{Guid.NewGuid():N}.wav");
        try
        {
            ExternalTool.Run("ffmpeg", $"-nostdin -v error -y -f lavfi -i sine=frequency={frequency}:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}:sample_rate=16000 -ac 1 -c:a pcm_s16le \"{path}\"");
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Bytes that start like a JPEG and then are noise: sniffed as an image, refused when decoded.</summary>
    public static byte[] CorruptJpeg(int seed)
    {
        var bytes = new byte[4096];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        return bytes;
    }

    private static SKColor RandomColor(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
}
