using System.Globalization;
using System.Xml.Linq;

namespace SearchEngine.Media.Images;

/// <summary>
/// The size an SVG asks to be drawn at, in CSS pixels (96 per inch), from its root's <c>width</c>, <c>height</c> and
/// <c>viewBox</c>. A side that is missing, <c>auto</c> or a percentage (of a page an indexed file does not have) comes
/// from the viewBox, keeping its aspect ratio, or else from the 300×150 that browsers give an image without a size.
/// A zero or negative size draws nothing, and a size that is not a length is an error; both are rejected here with the
/// value at fault, rather than left to the SVG library, which falls back to the bounds of whatever is drawn.
/// </summary>
internal static class SvgIntrinsicSize
{
    private const double DefaultWidth = 300;
    private const double DefaultHeight = 150;

    public static (double Width, double Height) Of(XElement root, string name)
    {
        var width = Length(root, "width", name);
        var height = Length(root, "height", name);
        var viewBox = ViewBox(root, name);
        return (width, height, viewBox) switch
        {
            ({ } w, { } h, _) => (w, h),
            ({ } w, null, { } box) => (w, w * box.Height / box.Width),
            (null, { } h, { } box) => (h * box.Width / box.Height, h),
            (null, null, { } box) => (box.Width, box.Height),
            _ => (width ?? DefaultWidth, height ?? DefaultHeight),
        };
    }

    /// <summary>The length in pixels, or null when the side is left to the viewBox or the default.</summary>
    private static double? Length(XElement root, string attribute, string name)
    {
        var text = root.Attribute(attribute)?.Value.Trim();
        if (string.IsNullOrEmpty(text) || text == "auto" || text.EndsWith('%'))
        {
            return null;
        }

        var unitStart = text.Length;
        while (unitStart > 0 && char.IsAsciiLetter(text[unitStart - 1]))
        {
            unitStart--;
        }

        double? perUnit = text[unitStart..].ToLowerInvariant() switch
        {
            "" or "px" => 1,
            "in" => 96,
            "cm" => 96 / 2.54,
            "mm" => 96 / 25.4,
            "pt" => 96 / 72.0,
            "pc" => 16,
            "em" => 16, // the default font size; the root has no parent to inherit another from
            "ex" => 8,
            _ => null,
        };
        if (perUnit is null || !double.TryParse(text.AsSpan(0, unitStart), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new MediaException(name, MediaStage.Probe, $"the SVG's {attribute} '{text}' is not a length");
        }

        var pixels = value * perUnit.Value;
        if (!double.IsFinite(pixels) || pixels <= 0)
        {
            throw new MediaException(name, MediaStage.Probe,
                $"the SVG's {attribute} is '{text}'; a size that is not a positive finite number draws nothing");
        }

        return pixels;
    }

    private static (double Width, double Height)? ViewBox(XElement root, string name)
    {
        var text = root.Attribute("viewBox")?.Value;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split([' ', ',', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var numbers = new double[4];
        var valid = parts.Length == 4;
        for (var i = 0; valid && i < 4; i++)
        {
            valid = double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i]);
        }

        if (!valid)
        {
            throw new MediaException(name, MediaStage.Probe, $"the SVG's viewBox '{text.Trim()}' is not four numbers");
        }

        if (numbers[2] <= 0 || numbers[3] <= 0)
        {
            throw new MediaException(name, MediaStage.Probe,
                $"the SVG's viewBox '{text.Trim()}' has a width or height that is not positive, so it draws nothing");
        }

        return (numbers[2], numbers[3]);
    }
}
