using SearchEngine.Ocr.Detection;

namespace SearchEngine.Ocr;

/// <summary>Reading text in pictures (configuration section <c>Ocr</c>).</summary>
public sealed class OcrOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Ocr";

    /// <summary>Whether pictures and video keyframes are read for text after they are indexed (the enrichment pass).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Pictures read at once (each a single-threaded Tesseract run); by default half the cores, so searches keep the rest.</summary>
    public int Workers { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Documents read between two writes: each write commits their text and their record of being done together.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Pictures are decoded for reading with their shorter side at least this many pixels (unless smaller): small print needs pixels.</summary>
    public int ImageShortSide { get; set; } = 720;

    /// <summary>The Tesseract executable: a name looked up on PATH, or a path.</summary>
    public string TesseractPath { get; set; } = "tesseract";

    /// <summary>Tesseract's language models, joined by '+' (<c>eng</c>, <c>eng+deu</c>); each needs its tesseract-ocr-LANG package.</summary>
    public string Languages { get; set; } = "eng";

    /// <summary>The longest one Tesseract run (one picture's lines) may take before it is stopped and the picture counted as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The address space one Tesseract run may use, in MiB (enforced with prlimit, so a hostile picture cannot take the machine's memory).</summary>
    public int MemoryLimitMegabytes { get; set; } = 1024;

    /// <summary>The most lines of one picture that are read; a picture with more (a page of print, a texture the detector mistakes) is read for its largest ones.</summary>
    public int MaxLinesPerPicture { get; set; } = 48;

    /// <summary>
    /// The least confidence (0–100, Tesseract's own) a word needs to be kept. Words drawn on generated signs over
    /// Flickr8k training photos read at 90–97; what Tesseract makes of a photo's texture reads at 50–60.
    /// </summary>
    public double MinWordConfidence { get; set; } = 70;

    /// <summary>The text-line detector's thresholds.</summary>
    public TextDetectionOptions Detection { get; set; } = new();
}
