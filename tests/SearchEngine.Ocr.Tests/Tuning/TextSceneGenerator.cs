using SkiaSharp;

namespace SearchEngine.Ocr.Tests.Tuning;

/// <summary>
/// Draws 1–3 words on a photo the way the presence check meets text (issue #18): a random place, 20–64 px, one of the
/// DejaVu or Liberation faces, on a plate (opaque or half-transparent) or straight on the photo, in random colours
/// whose luminance stands out from what lies under them, upright, a quarter turn either way, or upside down. Each
/// scene comes from its seed alone, so a measurement is reproducible.
/// </summary>
internal static class TextSceneGenerator
{
    private static readonly string[] Words =
    [
        "OPEN", "CLOSED", "EXIT", "STOP", "SALE", "HOTEL", "CAFE", "BAR", "PARK", "ROAD", "STREET", "AVENUE", "MARKET",
        "BAKERY", "PHARMACY", "POLICE", "TAXI", "BUS", "STATION", "PLATFORM", "TICKETS", "PIZZA", "COFFEE", "BOOKS",
        "MUSEUM", "BEACH", "HARBOUR", "BRIDGE", "CENTRE", "NORTH", "SOUTH", "EAST", "WEST", "ENTRANCE", "PARKING",
        "WELCOME", "THANK", "YOU", "FRESH", "FISH", "BREAD", "HOUSE", "GARDEN", "SCHOOL", "BANK", "POST", "OFFICE",
        "LIBRARY", "CINEMA", "THEATRE", "MAIN", "HIGH", "KING", "QUEEN", "CHURCH", "MILL", "FARM", "SHOP", "STORE",
        "DANGER", "KEEP", "LEFT", "RIGHT", "SLOW", "ZONE", "ENTRY", "ONLY", "FREE", "WIFI", "HAPPY",
        "BIRTHDAY", "TEAM", "CLUB", "SPORTS", "RUN", "2024", "1987", "No. 7", "24/7", "$5.99", "50%", "ROUTE 66",
        "EXPRESS", "TOURS", "RENTAL", "BIKES", "SURF", "SNOW", "MOUNTAIN", "LAKE", "RIVER", "VIEW", "POINT",
    ];

    private static readonly string[] Faces =
    [
        "dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSerif.ttf",
        "liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf", "liberation/LiberationSerif-Regular.ttf",
        "liberation/LiberationSerif-Bold.ttf", "liberation/LiberationMono-Regular.ttf",
    ];

    private static readonly Lazy<(string Path, SKTypeface Face)[]> Typefaces = new(() => Faces
        .Select(f => Path.Combine("/usr/share/fonts/truetype", f))
        .Where(File.Exists)
        .Select(p => (p, SKTypeface.FromFile(p)))
        .ToArray());

    public static TextScene Draw(string photo, int seed)
    {
        var random = new Random(seed);
        using var surface = FlickrPhotos.Open(photo);
        using var pixels = Snapshot(surface);
        var (path, typeface) = Typefaces.Value[random.Next(Typefaces.Value.Length)];
        var text = Phrase(random);
        var angle = random.NextDouble() switch { < 0.4 => 0, < 0.65 => 90, < 0.85 => 180, _ => 270 };
        var size = 20 + (44 * (float)random.NextDouble());
        var style = random.NextDouble() switch { < 0.33 => "plate", < 0.66 => "glass", _ => "bare" };

        using var font = new SKFont(typeface, size);
        var quarter = angle is 90 or 270;
        var along = quarter ? FlickrPhotos.Height : FlickrPhotos.Width;
        var halfHeight = 0.75f * size;
        var textWidth = font.MeasureText(text);
        while (textWidth + (0.6f * size) > along - 16 && text.Contains(' ', StringComparison.Ordinal))
        {
            text = text[..text.LastIndexOf(' ')];
            textWidth = font.MeasureText(text);
        }

        var halfWidth = Math.Min((textWidth / 2) + (0.3f * size), (along / 2f) - 8);
        var (extentX, extentY) = quarter ? (halfHeight, halfWidth) : (halfWidth, halfHeight);
        var centreX = extentX + 4 + ((float)random.NextDouble() * (FlickrPhotos.Width - (2 * extentX) - 8));
        var centreY = extentY + 4 + ((float)random.NextDouble() * (FlickrPhotos.Height - (2 * extentY) - 8));
        var box = SKRectI.Round(new SKRect(centreX - extentX, centreY - extentY, centreX + extentX, centreY + extentY));
        var under = MeanLuminance(pixels, box);

        var canvas = surface.Canvas;
        var background = under;
        using var plate = new SKPaint();
        if (style != "bare")
        {
            var plateColour = RandomColour(random);
            var alpha = style == "plate" ? 1.0 : 0.45 + (0.4 * random.NextDouble());
            plate.Color = plateColour.WithAlpha((byte)(255 * alpha));
            background = (alpha * Luminance(plateColour)) + ((1 - alpha) * under);
        }

        var contrast = 70 + (110 * random.NextDouble());
        var inkColour = InkColour(random, background, contrast);
        using var ink = new SKPaint { Color = inkColour, IsAntialias = true };
        canvas.Save();
        canvas.Translate(centreX, centreY);
        canvas.RotateDegrees(angle);
        if (style != "bare")
        {
            canvas.DrawRect(-halfWidth, -halfHeight, 2 * halfWidth, 2 * halfHeight, plate);
        }

        canvas.DrawText(text, 0, 0.35f * size, SKTextAlign.Center, font, ink);
        canvas.Restore();
        return new TextScene(SignPicture.ToRgb(surface), box, text, angle, size, path, style);
    }

    private static string Phrase(Random random)
    {
        var count = random.Next(1, 4);
        var words = Enumerable.Range(0, count).Select(_ => Words[random.Next(Words.Length)]);
        var casing = random.NextDouble();
        return string.Join(' ', words.Select(w => casing switch
        {
            < 0.5 => w,
            < 0.85 => w[..1] + w[1..].ToLowerInvariant(),
            _ => w.ToLowerInvariant(),
        }));
    }

    /// <summary>A colour at least <paramref name="contrast"/> luminance levels from <paramref name="background"/> (or as far as 0–255 allows).</summary>
    private static SKColor InkColour(Random random, double background, double contrast)
    {
        var wanted = Math.Min(contrast, Math.Max(background, 255 - background) - 1);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var colour = RandomColour(random);
            if (Math.Abs(Luminance(colour) - background) >= wanted)
            {
                return colour;
            }
        }

        return background > 127 ? SKColors.Black : SKColors.White;
    }

    private static SKColor RandomColour(Random random) => random.NextDouble() < 0.5
        ? SKColor.FromHsv(0, 0, (float)(random.NextDouble() * 100))
        : new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

    private static double Luminance(SKColor c) => ((299 * c.Red) + (587 * c.Green) + (114 * c.Blue)) / 1000.0;

    private static SKBitmap Snapshot(SKSurface surface)
    {
        using var image = surface.Snapshot();
        return SKBitmap.FromImage(image);
    }

    private static double MeanLuminance(SKBitmap bitmap, SKRectI box)
    {
        double sum = 0;
        var count = 0;
        for (var y = Math.Max(0, box.Top); y < Math.Min(bitmap.Height, box.Bottom); y += 2)
        {
            for (var x = Math.Max(0, box.Left); x < Math.Min(bitmap.Width, box.Right); x += 2)
            {
                sum += Luminance(bitmap.GetPixel(x, y));
                count++;
            }
        }

        return count == 0 ? 127 : sum / count;
    }
}
