using System.Globalization;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using SearchEngine.Core.Media;
using SkiaSharp;
using Svg;
using Svg.Model;
using Svg.Model.Services;
using Svg.Skia;

namespace SearchEngine.Media.Images;

/// <summary>
/// Draws SVG pictures to <see cref="RgbImage"/> with Svg.Skia on white, after the markup has been read safely
/// (<see cref="SvgMarkupReader"/>), cut off from everything outside the file (<see cref="SvgExternalReferences"/>) and
/// checked for amplification (<see cref="SvgDrawingCost"/>). A vector has no pixel size of its own, so it is drawn at
/// the requested size: with a target short side, exactly that (larger or smaller than the size the file names); without
/// one, at its intrinsic size (<see cref="SvgIntrinsicSize"/>). Either way the bitmap holds at most
/// <see cref="MediaOptions.MaxImagePixels"/>, keeping the aspect ratio, so a huge width or viewBox costs nothing extra.
/// </summary>
internal sealed class SvgRasterizer(MediaOptions options)
{
    // The SVG library's process-wide switches default to fetching external images and referenced elements over http
    // and from files, and to parsing DTDs. This project uses the library only here; they are switched off before its
    // first use, as a second wall behind SvgExternalReferences and SvgMarkupReader.
    static SvgRasterizer()
    {
        SvgDocument.ResolveExternalImages = ExternalType.None;
        SvgDocument.ResolveExternalElements = ExternalType.None;
        SvgDocument.ResolveExternalXmlEntites = ExternalType.None;
        SvgDocument.DisableDtdProcessing = true;
    }

    public RgbImage Rasterize(SKData data, string name, int? targetShortSide)
    {
        if (data.Size > options.MaxSvgBytes)
        {
            throw new MediaException(name, MediaStage.Probe,
                $"the SVG is {data.Size:N0} bytes, over the limit of {options.MaxSvgBytes:N0} bytes (Media:MaxSvgBytes)");
        }

        var markup = SvgMarkupReader.Read(() => data.AsStream(streamDisposesData: false), name, options.MaxSvgElements);
        SvgExternalReferences.Remove(markup, name, options.MaxImagePixels);
        SvgDrawingCost.Check(markup, name, options.MaxSvgElements);
        var root = markup.Root!;
        var size = SvgIntrinsicSize.Of(root, name);

        // Pinned in pixels, so the library lays the drawing out in exactly this box whatever the file said.
        root.SetAttributeValue("width", size.Width.ToString("R", CultureInfo.InvariantCulture));
        root.SetAttributeValue("height", size.Height.ToString("R", CultureInfo.InvariantCulture));
        var (width, height) = DrawingSize(size, targetShortSide, options.MaxImagePixels);
        try
        {
            using var svg = new SKSvg();
            svg.Settings.EnableJavaScript = false;
            svg.Settings.EnableExternalJavaScript = false;
            svg.Settings.EnableBrokenImagePlaceholders = false; // a removed external image leaves no "broken" icon
            var picture = svg.FromSvgDocument(Load(markup))
                ?? throw new MediaException(name, MediaStage.Decode, "the SVG library produced no drawing for it");
            return Draw(picture, size, width, height, name);
        }
        catch (Exception e) when (e is not (MediaException or OutOfMemoryException))
        {
            throw new MediaException(name, MediaStage.Decode, "the SVG cannot be drawn (the SVG library failed on it)", e);
        }
    }

    /// <summary>
    /// The bitmap size: the intrinsic size, or scaled so the short side is the target; then shrunk, keeping the aspect
    /// ratio, to hold at most <paramref name="maxPixels"/>. No side is below one pixel.
    /// </summary>
    internal static (int Width, int Height) DrawingSize((double Width, double Height) size, int? targetShortSide, long maxPixels)
    {
        maxPixels = Math.Min(maxPixels, int.MaxValue / 4); // RgbImage and the RGBA bitmap index with int
        var scale = targetShortSide is { } target ? target / Math.Min(size.Width, size.Height) : 1;
        var (w, h) = (size.Width * scale, size.Height * scale);
        var capped = w * h > maxPixels;
        if (capped)
        {
            var shrink = Math.Sqrt(maxPixels / (w * h));
            (w, h) = (w * shrink, h * shrink);
        }

        var width = Math.Max(1L, (long)(capped ? Math.Floor(w) : Math.Round(w)));
        var height = Math.Max(1L, (long)(capped ? Math.Floor(h) : Math.Round(h)));

        // Rounding, or a side held at one pixel, must not carry the other past the limit.
        width = Math.Min(width, Math.Max(1, maxPixels / height));
        height = Math.Min(height, Math.Max(1, maxPixels / width));
        return ((int)width, (int)height);
    }

    private static SvgDocument Load(XDocument markup)
    {
        using var stream = new MemoryStream();
        markup.Save(stream, SaveOptions.DisableFormatting);
        stream.Position = 0;
        // The library's own policy, as a second wall: the document itself and data URIs (embedded images, fonts).
        var loadOptions = new SvgDocumentLoadOptions
        {
            ProcessingMode = SvgProcessingMode.SecureStatic,
            ExternalResources = SvgExternalResourcePolicy.SameDocumentAndDataOnly,
        };
        return SvgService.Open(stream, new SvgParameters(null, null, null, loadOptions))
            ?? throw new InvalidOperationException("the SVG library returned no document");
    }

    private static RgbImage Draw(SKPicture picture, (double Width, double Height) size, int width, int height, string name)
    {
        using var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul)))
        {
            throw new MediaException(name, MediaStage.Decode, $"no memory for a {width}×{height} bitmap to draw the SVG into");
        }

        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale((float)(width / size.Width), (float)(height / size.Height));
            canvas.DrawPicture(picture);
        }

        // Drawn over opaque white, every pixel is opaque: RGB is RGBA without its alpha byte.
        var rgba = MemoryMarshal.Cast<byte, uint>(bitmap.GetPixelSpan());
        var rgb = new byte[checked(width * height * 3)];
        for (int i = 0, t = 0; i < rgba.Length; i++, t += 3)
        {
            var pixel = rgba[i];
            rgb[t] = (byte)pixel;
            rgb[t + 1] = (byte)(pixel >> 8);
            rgb[t + 2] = (byte)(pixel >> 16);
        }

        return new RgbImage(width, height, rgb);
    }
}
