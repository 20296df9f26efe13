using Microsoft.Extensions.Options;
using SearchEngine.Core.Media;
using SearchEngine.Ocr.Detection;
using SearchEngine.Ocr.Recognition;

namespace SearchEngine.Ocr;

/// <summary>
/// Reads the text in a picture: the cheap line detector first, which is also the presence check (a picture without
/// detected lines costs a few milliseconds and never starts Tesseract), then Tesseract on the detected lines. Safe to
/// call from several threads; each call runs at most one Tesseract process.
/// </summary>
public sealed class PictureTextReader
{
    private readonly OcrOptions _options;
    private readonly TextLineDetector _detector;
    private readonly TesseractReader _reader;

    /// <summary>Uses <paramref name="options"/>.</summary>
    public PictureTextReader(IOptions<OcrOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _detector = new TextLineDetector(_options.Detection);
        _reader = new TesseractReader(options);
    }

    /// <summary>The presence check alone: the text lines found in <paramref name="image"/> (none: no text to read).</summary>
    public IReadOnlyList<TextLine> DetectLines(RgbImage image) => _detector.Detect(image);

    /// <summary>
    /// Reads <paramref name="image"/>. Throws <see cref="OcrUnavailableException"/> when Tesseract cannot run here and
    /// <see cref="OcrException"/> when it failed on this picture (crash, memory or time limit).
    /// </summary>
    public async Task<PictureText> ReadAsync(RgbImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var lines = _detector.Detect(image);
        if (lines.Count == 0)
        {
            return PictureText.None;
        }

        var words = await _reader.ReadAsync(image, lines, cancellationToken).ConfigureAwait(false);
        return new PictureText(lines, Kept(words));
    }

    /// <summary>
    /// Reads the detected <paramref name="pictures"/> (from <see cref="DetectLines"/>) in one Tesseract run, so its
    /// model loads once for all of them; when that run fails, each picture is read on its own, so that only the one
    /// that made Tesseract crash or hang fails. Throws <see cref="OcrUnavailableException"/> when Tesseract cannot run here.
    /// </summary>
    public async Task<IReadOnlyList<PictureReading>> ReadAsync(
        IReadOnlyList<(RgbImage Image, IReadOnlyList<TextLine> Lines)> pictures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pictures);
        try
        {
            var words = await _reader.ReadManyAsync(pictures, cancellationToken).ConfigureAwait(false);
            return [.. pictures.Select((p, i) => new PictureReading(new PictureText(p.Lines, Kept(words[i])), null))];
        }
        catch (OcrException e) when (e is not OcrUnavailableException && pictures.Count == 1)
        {
            return [new PictureReading(null, e.Message)];
        }
        catch (OcrException e) when (e is not OcrUnavailableException)
        {
            var readings = new List<PictureReading>(pictures.Count);
            foreach (var picture in pictures)
            {
                readings.Add((await ReadAsync([picture], cancellationToken).ConfigureAwait(false))[0]);
            }

            return readings;
        }
    }

    /// <summary>
    /// The words worth storing: none made only of punctuation, and none from a line without a word of three letters or
    /// digits (what Tesseract makes of a line of texture is short fragments: "ay", "a 4", "' »"), each word once.
    /// </summary>
    private static List<RecognizedWord> Kept(IReadOnlyList<RecognizedWord> words)
    {
        var lines = words.Where(w => w.Text.Any(char.IsLetterOrDigit))
            .GroupBy(w => w.Line)
            .Where(line => line.Any(w => w.Text.Count(char.IsLetterOrDigit) >= 3));
        return WithoutRepeats([.. lines.SelectMany(line => line)]);
    }

    /// <summary>
    /// Drops a word read twice at the same place: light text with a dark outline is found once as light ink and once as
    /// dark, as two overlapping lines, and both readings are the same words.
    /// </summary>
    private static List<RecognizedWord> WithoutRepeats(IReadOnlyList<RecognizedWord> words)
    {
        var kept = new List<RecognizedWord>(words.Count);
        foreach (var word in words.OrderByDescending(w => w.Confidence))
        {
            if (!kept.Any(k => string.Equals(k.Text, word.Text, StringComparison.OrdinalIgnoreCase) && Overlap(k, word) > 0.5))
            {
                kept.Add(word);
            }
        }

        // Back in reading order: by line as read, then along the line as Tesseract listed the words.
        return [.. words.Where(kept.Contains)];
    }

    /// <summary>Intersection over the smaller box.</summary>
    private static double Overlap(RecognizedWord a, RecognizedWord b)
    {
        var width = Math.Min(a.Left + a.Width, b.Left + b.Width) - Math.Max(a.Left, b.Left);
        var height = Math.Min(a.Top + a.Height, b.Top + b.Height) - Math.Max(a.Top, b.Top);
        return width <= 0 || height <= 0 ? 0 : (double)width * height / Math.Min((long)a.Width * a.Height, (long)b.Width * b.Height);
    }

    /// <summary>
    /// Why Tesseract cannot read here (not installed, or a configured language model missing), or null when it can.
    /// Runs <c>tesseract --list-langs</c> once.
    /// </summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken = default)
    {
        string listed;
        try
        {
            // The check gets time of its own: a short Ocr:Timeout is about pictures, not about starting the program.
            var check = new OcrOptions
            {
                TesseractPath = _options.TesseractPath,
                MemoryLimitMegabytes = _options.MemoryLimitMegabytes,
                Timeout = TimeSpan.FromSeconds(Math.Max(30, _options.Timeout.TotalSeconds)),
            };
            listed = await TesseractProcess.RunAsync(check, ["--list-langs"], cancellationToken).ConfigureAwait(false);
        }
        catch (OcrException e)
        {
            return e.Message;
        }

        var installed = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var missing = _options.Languages.Split('+', StringSplitOptions.RemoveEmptyEntries).Where(l => !installed.Contains(l)).ToList();
        return missing.Count == 0
            ? null
            : $"Tesseract has no model for {string.Join(", ", missing)} (Ocr:Languages); install tesseract-ocr-{string.Join(" tesseract-ocr-", missing)}";
    }
}
