using System.Globalization;
using System.Text;

namespace SearchEngine.Benchmarks.Ocr;

/// <summary>
/// One generated picture and what is drawn on it (truth.tsv: file, text, angle, size, font, plate, case, centre_x, centre_y, photo, query).
/// <paramref name="Text"/> is empty for a picture without text; <paramref name="Query"/> is the benchmark's text query
/// for the picture (1–3 of its words, lower-cased; empty without text). The photo is relative to the shared folder.
/// </summary>
internal sealed record OcrTruth(string File, string Text, int Angle, int Size, string Font, bool Plate, bool Upper, float CentreX, float CentreY, string Photo, string Query)
{
    public const string FileName = "truth.tsv";
    private const string Header = "file\ttext\tangle\tsize\tfont\tplate\tcase\tcentre_x\tcentre_y\tphoto\tquery";

    public bool HasText => Text.Length > 0;

    /// <summary>How <see cref="SearchEngine.Testing.SignPictures"/> draws it.</summary>
    public Testing.Sign Sign => new(HasText ? Text : null, Angle, Size, Font, Plate, CentreX, CentreY);

    public bool Rotated => Angle != 0;

    /// <summary>The words as the figures compare them: runs of letters and digits, lower-cased.</summary>
    public IReadOnlyList<string> Words => Tokens(Text);

    public static IReadOnlyList<string> Tokens(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        return words;
    }

    public static void Write(string path, IEnumerable<OcrTruth> pictures) =>
        System.IO.File.WriteAllLines(path, [Header, .. pictures.Select(p => string.Join('\t',
            p.File, p.Text, p.Angle.ToString(CultureInfo.InvariantCulture), p.Size.ToString(CultureInfo.InvariantCulture),
            p.Font, !p.HasText ? "" : p.Plate ? "plate" : "outline", !p.HasText ? "" : p.Upper ? "upper" : "title",
            p.HasText ? p.CentreX.ToString("0.0000", CultureInfo.InvariantCulture) : "", p.HasText ? p.CentreY.ToString("0.0000", CultureInfo.InvariantCulture) : "",
            p.Photo, p.Query))]);

    public static IReadOnlyList<OcrTruth> Read(string path)
    {
        var lines = System.IO.File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new InvalidDataException($"{path} is not an OCR benchmark truth file (header '{Header}').");
        }

        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(f => new OcrTruth(
            f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture),
            f[4], f[5] == "plate", f[6] == "upper", Fraction(f[7]), Fraction(f[8]),
            f[9], f[10]))];
    }

    private static float Fraction(string field) => field.Length == 0 ? 0 : float.Parse(field, CultureInfo.InvariantCulture);
}
