using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SearchEngine.Media;
using SearchEngine.Media.Images;
using SearchEngine.Ocr;

namespace SearchEngine.Benchmarks.Ocr;

/// <summary>
/// ocr-inspect PICTURE...: for looking at the benchmark's failures (deploy/bench.sh ocr --keep DIR; DIR/results.tsv
/// names them), what the reader makes of each picture, decoded as the pass decodes it: the lines the presence check
/// finds, and every word Tesseract reads in them with its confidence, those under Ocr:MinWordConfidence included
/// (marked "dropped"). Changes nothing; for understanding a miss, not for choosing thresholds on these pictures.
/// </summary>
internal static class OcrInspection
{
    public static async Task<int> RunAsync(string[] args)
    {
        var kept = new OcrOptions().MinWordConfidence;
        var services = new ServiceCollection();
        services.AddMediaDecoding();
        services.AddSearchEngineOcr(o => o.MinWordConfidence = 0);
        await using var provider = services.BuildServiceProvider();
        var reader = provider.GetRequiredService<PictureTextReader>();
        var decoder = provider.GetRequiredService<ImageDecoder>();
        var shortSide = provider.GetRequiredService<IOptions<OcrOptions>>().Value.ImageShortSide;
        foreach (var file in args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)))
        {
            var image = decoder.Decode(file, shortSide);
            var read = await reader.ReadAsync(image);
            Console.WriteLine($"{file} ({image.Width}×{image.Height}): {read.Lines.Count} lines");
            foreach (var line in read.Lines)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  line [{line.Left}, {line.Top}, {line.Width}, {line.Height}] {line.Direction}, {line.Glyphs} glyphs of {line.GlyphSize} px"));
            }

            foreach (var word in read.Words)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  word '{word.Text}' confidence {word.Confidence:0.0}{(word.Confidence < kept ? " (dropped)" : "")} at [{word.Left}, {word.Top}, {word.Width}, {word.Height}], line {word.Line}, turned {word.Rotation}°"));
            }
        }

        return 0;
    }
}
