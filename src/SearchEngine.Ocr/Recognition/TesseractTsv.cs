using System.Globalization;

namespace SearchEngine.Ocr.Recognition;

/// <summary>One word row of Tesseract's TSV output, in the coordinates of the image it read.</summary>
internal readonly record struct TsvWord(int Page, int Left, int Top, int Width, int Height, double Confidence, string Text);

/// <summary>
/// Reads Tesseract's <c>tsv</c> output: a header, then one row per page, block, paragraph, line and word
/// (<c>level page_num block_num par_num line_num word_num left top width height conf text</c>); only level-5 rows
/// (words) with text are kept. Pages count from 1, in the order of the image list.
/// </summary>
internal static class TesseractTsv
{
    public static List<TsvWord> Parse(string tsv)
    {
        var words = new List<TsvWord>();
        foreach (var row in tsv.Split('\n'))
        {
            var fields = row.TrimEnd('\r').Split('\t');
            if (fields.Length < 12 || fields[0] != "5" || string.IsNullOrWhiteSpace(fields[11]))
            {
                continue;
            }

            if (int.TryParse(fields[1], CultureInfo.InvariantCulture, out var page)
                && int.TryParse(fields[6], CultureInfo.InvariantCulture, out var left)
                && int.TryParse(fields[7], CultureInfo.InvariantCulture, out var top)
                && int.TryParse(fields[8], CultureInfo.InvariantCulture, out var width)
                && int.TryParse(fields[9], CultureInfo.InvariantCulture, out var height)
                && double.TryParse(fields[10], CultureInfo.InvariantCulture, out var confidence))
            {
                words.Add(new TsvWord(page, left, top, width, height, confidence, fields[11].Trim()));
            }
        }

        return words;
    }
}
