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
        return (await ReadManyAsync([(image, lines)], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>
    /// The words of several pictures' lines in one Tesseract run, which loads its model once for all of them (about
    /// 0.3 s of CPU a run, more than reading a few lines takes). Throws <see cref="OcrException"/> when the run fails;
    /// the caller can then read the pictures one by one to learn which one it was.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<RecognizedWord>>> ReadManyAsync(
        IReadOnlyList<(RgbImage Image, IReadOnlyList<TextLine> Lines)> pictures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pictures);
        var crops = new List<(int Picture, int Line, LineCrop Crop)>();
        for (var p = 0; p < pictures.Count; p++)
        {
            var (image, lines) = pictures[p];
            var chosen = lines.OrderByDescending(l => (long)l.Width * l.Height).Take(_options.MaxLinesPerPicture).ToArray();
            for (var i = 0; i < chosen.Length; i++)
            {
                foreach (var rotation in chosen[i].Direction == LineDirection.Horizontal ? (int[])[0, 180] : [90, 270])
                {
                    crops.Add((p, i, LineCrop.Of(image, chosen[i], rotation)));
                }
            }
        }

        var words = new List<RecognizedWord>[pictures.Count];
        for (var p = 0; p < words.Length; p++)
        {
            words[p] = [];
        }

        if (crops.Count == 0)
        {
            return words;
        }

        var folder = Directory.CreateTempSubdirectory("searchengine-ocr-");
        try
        {
            var paths = new List<string>(crops.Count);
            for (var k = 0; k < crops.Count; k++)
            {
                var path = Path.Combine(folder.FullName, $"{k}.ppm");
                await File.WriteAllBytesAsync(path, crops[k].Crop.ToPpm(pictures[crops[k].Picture].Image), cancellationToken).ConfigureAwait(false);
                paths.Add(path);
            }

            var list = Path.Combine(folder.FullName, "crops.txt");
            await File.WriteAllLinesAsync(list, paths, cancellationToken).ConfigureAwait(false);
            var tsv = await TesseractProcess.RunAsync(_options, [list, "stdout", "-l", _options.Languages, "--psm", "7", "tsv"], cancellationToken).ConfigureAwait(false);
            Choose(TesseractTsv.Parse(tsv), crops, words);
            return words;
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

    private void Choose(List<TsvWord> words, List<(int Picture, int Line, LineCrop Crop)> crops, List<RecognizedWord>[] result)
    {
        var byCrop = words.Where(w => w.Confidence >= _options.MinWordConfidence && w.Page >= 1 && w.Page <= crops.Count)
            .GroupBy(w => w.Page - 1)
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var line in Enumerable.Range(0, crops.Count).GroupBy(k => (crops[k].Picture, crops[k].Line)))
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
                result[line.Key.Picture].Add(new RecognizedWord(word.Text, left, top, width, height, word.Confidence, line.Key.Line, crop.Rotation));
            }
        }
    }
}
