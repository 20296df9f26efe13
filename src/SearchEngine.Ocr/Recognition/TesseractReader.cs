using Microsoft.Extensions.Options;
using SearchEngine.Core.Media;
using SearchEngine.Ocr.Detection;

namespace SearchEngine.Ocr.Recognition;

/// <summary>
/// Reads the words of a picture's detected lines with the Tesseract CLI: every line is cut out and handed over as one
/// upright line (page segmentation mode 7), in both of its possible orientations (0° and 180° for a row, 90° and 270°
/// for a column), all crops of a picture in one run through an image list; each line keeps the orientation whose
/// words Tesseract is surer of. Reading crops instead of the whole photo is what makes Tesseract usable on photos: its
/// own page layout analysis is built for documents and reads a street scene's texture as lines of garbage
/// (docs/ocr.md).
/// </summary>
public sealed class TesseractReader
{
    private readonly OcrOptions _options;

    /// <summary>Uses <paramref name="options"/>.</summary>
    public TesseractReader(IOptions<OcrOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>The words of <paramref name="lines"/> in <paramref name="image"/>, in the picture's pixels; throws <see cref="OcrException"/> when Tesseract fails.</summary>
    public async Task<IReadOnlyList<RecognizedWord>> ReadAsync(RgbImage image, IReadOnlyList<TextLine> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return [];
        }

        var chosen = lines.OrderByDescending(l => (long)l.Width * l.Height).Take(_options.MaxLinesPerPicture).ToArray();
        var crops = new List<(int Line, LineCrop Crop)>(chosen.Length * 2);
        for (var i = 0; i < chosen.Length; i++)
        {
            foreach (var rotation in chosen[i].Direction == LineDirection.Horizontal ? (int[])[0, 180] : [90, 270])
            {
                crops.Add((i, LineCrop.Of(image, chosen[i], rotation)));
            }
        }

        var folder = Directory.CreateTempSubdirectory("searchengine-ocr-");
        try
        {
            var paths = new List<string>(crops.Count);
            for (var k = 0; k < crops.Count; k++)
            {
                var path = Path.Combine(folder.FullName, $"{k}.ppm");
                await File.WriteAllBytesAsync(path, crops[k].Crop.ToPpm(image), cancellationToken).ConfigureAwait(false);
                paths.Add(path);
            }

            var list = Path.Combine(folder.FullName, "crops.txt");
            await File.WriteAllLinesAsync(list, paths, cancellationToken).ConfigureAwait(false);
            var tsv = await TesseractProcess.RunAsync(_options, [list, "stdout", "-l", _options.Languages, "--psm", "7", "tsv"], cancellationToken).ConfigureAwait(false);
            return Choose(TesseractTsv.Parse(tsv), crops);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is not worth failing the picture for.
            }
        }
    }

    private List<RecognizedWord> Choose(List<TsvWord> words, List<(int Line, LineCrop Crop)> crops)
    {
        var byCrop = words.Where(w => w.Confidence >= _options.MinWordConfidence && w.Page >= 1 && w.Page <= crops.Count)
            .GroupBy(w => w.Page - 1)
            .ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<RecognizedWord>();
        foreach (var line in Enumerable.Range(0, crops.Count).GroupBy(k => crops[k].Line))
        {
            var best = line
                .Select(k => (Crop: k, Score: byCrop.TryGetValue(k, out var read) ? read.Sum(w => w.Confidence * w.Text.Length) : 0))
                .MaxBy(c => c.Score);
            if (best.Score <= 0)
            {
                continue;
            }

            var crop = crops[best.Crop].Crop;
            foreach (var word in byCrop[best.Crop])
            {
                var (left, top, width, height) = crop.ToPicture(word.Left, word.Top, word.Width, word.Height);
                result.Add(new RecognizedWord(word.Text, left, top, width, height, word.Confidence, line.Key, crop.Rotation));
            }
        }

        return result;
    }
}
