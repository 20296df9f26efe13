using System.Globalization;
using SearchEngine.Benchmarks.Query;
using SearchEngine.Collections.Lexical;
using SearchEngine.Testing;
using SkiaSharp;

namespace SearchEngine.Benchmarks.Ocr;

/// <summary>
/// ocr-prepare: the OCR benchmark's pictures, made from the ImageNet sample's photos (evaluation only: never used to
/// choose a threshold), each photo used once, stretched to 640×480 JPEG by <see cref="SignPictures"/>. Half get text:
/// 1–3 different words of <see cref="SignWords"/> (two thirds in capitals, one third in title case), 20–64 px, a font
/// of <see cref="SignPictures.Fonts"/>, on a plate or outlined straight on the photo (even odds), at a random place that
/// keeps the whole sign inside the picture; a fifth of them turned 90°, 180° or 270°. The other half have none.
/// Everything comes from one seeded generator, so a seed gives the same pictures on any machine with the same fonts.
/// Writes FOLDER/pictures/ocr-NNNN.jpg (names say nothing of the text), FOLDER/truth.tsv and FOLDER/no-text.tsv
/// (a manifest of the text-free pictures, path column only: a manifest's "text" column would become the caption).
/// </summary>
internal static class OcrPictureSet
{
    public const string PictureFolder = "pictures";
    public const string NoTextManifest = "no-text.tsv";
    private const string PhotoFolder = "datasets/imagenet-sample";
    private const int Width = 640;
    private const int Height = 480;
    private const int MinSize = 20;
    private const int MaxSize = 64;

    /// <summary>Space kept between a sign's edge and the picture's.</summary>
    private const int Margin = 6;

    public static Task<int> RunAsync(string[] args)
    {
        var folder = Arguments.Value(args, "--output", null) ?? throw new ArgumentException("--output FOLDER is required.");
        var count = Arguments.Int(args, "--count", 500);
        var seed = Arguments.Int(args, "--seed", 18);
        CheckWords();

        var photos = File.ReadAllLines(SharedFiles.Require(Path.Combine(PhotoFolder, "labels.tsv"))).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split('\t')[0]).Order(StringComparer.Ordinal).ToArray();
        if (count < 10 || count > photos.Length)
        {
            throw new ArgumentException($"--count must be between 10 and {photos.Length} (one photo of the ImageNet sample each).");
        }

        var random = new Random(seed);
        random.Shuffle(photos);
        var withText = count / 2;
        var rotated = withText / 5;
        // The role of each picture: 0 no text, otherwise the text's angle + 1 (so upright text is 1).
        var roles = Enumerable.Range(0, count).Select(i =>
            i < withText - rotated ? 1
            : i < withText ? 1 + (90 * (1 + ((i - withText + rotated) % 3)))
            : 0).ToArray();
        random.Shuffle(roles);

        var pictures = new List<OcrTruth>(count);
        for (var i = 0; i < count; i++)
        {
            var file = string.Create(CultureInfo.InvariantCulture, $"ocr-{i + 1:D4}.jpg");
            var photo = Path.Combine(PhotoFolder, photos[i]);
            pictures.Add(roles[i] == 0
                ? new OcrTruth(file, "", 0, 0, "", false, false, 0, 0, photo, "")
                : WithText(random, file, photo, roles[i] - 1));
        }

        var output = Path.Combine(folder, PictureFolder);
        Directory.CreateDirectory(output);
        Parallel.ForEach(pictures, p => SignPictures.Write(Path.Combine(output, p.File), SharedFiles.Require(p.Photo), p.Sign));
        OcrTruth.Write(Path.Combine(folder, OcrTruth.FileName), pictures);
        File.WriteAllLines(Path.Combine(folder, NoTextManifest), ["path", .. pictures.Where(p => !p.HasText).Select(p => $"{PictureFolder}/{p.File}")]);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[ocr] {count} pictures in {output}: {pictures.Count(p => p.HasText && !p.Rotated)} upright text, {pictures.Count(p => p.Rotated)} rotated, {pictures.Count(p => !p.HasText)} without text (seed {seed})"));
        return Task.FromResult(0);
    }

    private static OcrTruth WithText(Random random, string file, string photo, int angle)
    {
        while (true)
        {
            var count = random.Next(1, 4);
            var words = SignWords.All.OrderBy(_ => random.Next()).Take(count).ToArray();
            var upper = random.Next(3) < 2;
            var text = string.Join(' ', upper ? words : words.Select(TitleCase));
            var font = Path.GetFileName(SignPictures.Fonts[random.Next(SignPictures.Fonts.Count)]);
            var plate = random.Next(2) == 0;
            // The longest size at which the sign fits along its direction; words too long for the smallest size are drawn again.
            var along = angle % 180 == 0 ? Width : Height;
            var perPixel = (2 * HalfExtents(text, font, 100, 0).HalfX) / 100;
            var fits = (int)Math.Floor((along - (2 * Margin)) / perPixel);
            if (fits < MinSize)
            {
                continue;
            }

            var size = random.Next(MinSize, Math.Min(MaxSize, fits) + 1);
            var (halfX, halfY) = HalfExtents(text, font, size, angle);
            var centreX = halfX + Margin + (random.NextDouble() * (Width - (2 * (halfX + Margin))));
            var centreY = halfY + Margin + (random.NextDouble() * (Height - (2 * (halfY + Margin))));
            var query = Query(random, words);
            return new OcrTruth(file, text, angle, size, font, plate, upper, (float)(centreX / Width), (float)(centreY / Height), photo, query);
        }
    }

    /// <summary>1–3 of the sign's words (as many as it has at most), in the sign's order, lower-cased as people type.</summary>
    private static string Query(Random random, string[] words)
    {
        var count = random.Next(1, Math.Min(3, words.Length) + 1);
        var chosen = Enumerable.Range(0, words.Length).OrderBy(_ => random.Next()).Take(count).Order();
        return string.Join(' ', chosen.Select(i => words[i].ToLowerInvariant()));
    }

    private static string TitleCase(string word) => word[..1] + word[1..].ToLowerInvariant();

    /// <summary>Where the sign of <paramref name="picture"/> lies in the 640×480 picture: left, top, right, bottom.</summary>
    public static (double Left, double Top, double Right, double Bottom) Box(OcrTruth picture)
    {
        var (halfX, halfY) = HalfExtents(picture.Text, picture.Font, picture.Size, picture.Angle);
        var (x, y) = (picture.CentreX * Width, picture.CentreY * Height);
        return (x - halfX, y - halfY, x + halfX, y + halfY);
    }

    /// <summary>
    /// Half the sign's extent across the picture and down it, as <see cref="SignPictures"/> draws it: the plate reaches
    /// 0.3 of the size past the text's ends and 0.75 of it above and below the centre; turned a quarter, the two swap.
    /// </summary>
    private static (double HalfX, double HalfY) HalfExtents(string text, string font, int size, int angle)
    {
        using var typeface = SKTypeface.FromFile(SignPictures.Fonts.First(f => Path.GetFileName(f) == font));
        using var skFont = new SKFont(typeface, size);
        var along = (skFont.MeasureText(text) / 2) + (0.3 * size);
        var across = 0.75 * size;
        return angle % 180 == 0 ? (along, across) : (across, along);
    }

    /// <summary>Every word is one term of the query analyser: no stop word (it would leave a query empty), no repeats.</summary>
    private static void CheckWords()
    {
        Span<char> term = stackalloc char[EnglishAnalyzer.MaxTermLength];
        foreach (var word in SignWords.All)
        {
            var position = 0;
            var text = word.ToLowerInvariant();
            var length = EnglishAnalyzer.NextTerm(text, ref position, term);
            if (length == 0 || EnglishAnalyzer.NextTerm(text, ref position, term) != 0)
            {
                throw new InvalidOperationException($"The sign word '{word}' is not exactly one query term (a stop word?).");
            }
        }

        var repeated = SignWords.All.GroupBy(w => w, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            throw new InvalidOperationException($"Sign words listed twice: {string.Join(", ", repeated)}.");
        }
    }
}
