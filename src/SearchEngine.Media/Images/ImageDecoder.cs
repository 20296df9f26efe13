using Microsoft.Extensions.Options;
using SearchEngine.Core.Media;
using SearchEngine.Media.Sniffing;
using SkiaSharp;

namespace SearchEngine.Media.Images;

/// <summary>
/// Decodes JPEG, PNG, WebP, GIF (first frame) and BMP to <see cref="RgbImage"/> with SkiaSharp: EXIF orientation
/// applied, grayscale expanded, alpha flattened on white. The header is read first; an image claiming more than
/// <see cref="MediaOptions.MaxImagePixels"/> is rejected before any pixel memory is allocated. With a target short
/// side, large images are shrunk while decoding: JPEG by DCT scaling and WebP by scaled decode, so their memory stays
/// near the output size; formats without scaled decode (PNG, GIF, BMP in this Skia build) are decoded into one native
/// frame buffer, bounded by the pixel limit and freed at once, then box-filtered down. SVG pictures are drawn by
/// <see cref="SvgRasterizer"/>: at the target short side exactly, and never larger than the pixel limit.
/// </summary>
public sealed class ImageDecoder
{
    private readonly MediaOptions _options;
    private readonly SvgRasterizer _svg;

    /// <summary>Uses the pixel and file-size limits from <paramref name="options"/>.</summary>
    public ImageDecoder(IOptions<MediaOptions> options)
    {
        _options = options.Value;
        _svg = new SvgRasterizer(_options);
    }

    /// <summary>
    /// Decodes the image file at <paramref name="path"/>, whatever its extension says. With
    /// <paramref name="targetShortSide"/>, the result's shorter side lies in [target, 2·target) unless the image is
    /// already smaller; without it, the image is decoded at full size. Throws <see cref="MediaException"/> on bad input.
    /// </summary>
    public RgbImage Decode(string path, int? targetShortSide = null)
    {
        MediaFile.CheckReadable(path, _options.MaxFileBytes);
        using var data = SKData.Create(path)
            ?? throw new MediaException(path, MediaStage.Sniff, "the file cannot be read");
        return Decode(data, path, targetShortSide, () => MediaSniffer.Sniff(path));
    }

    /// <summary>
    /// Decodes an image held in memory (an uploaded query image, for example); <paramref name="name"/> only labels errors.
    /// </summary>
    public RgbImage Decode(ReadOnlySpan<byte> bytes, string name, int? targetShortSide = null)
    {
        if (bytes.IsEmpty)
        {
            throw new MediaException(name, MediaStage.Sniff, "the image is empty (0 bytes)");
        }

        using var data = SKData.CreateCopy(bytes);
        var head = bytes[..Math.Min(bytes.Length, MediaSniffer.HeadBytes)].ToArray();
        return Decode(data, name, targetShortSide, () => MediaSniffer.Sniff(head, Path.GetExtension(name)));
    }

    private RgbImage Decode(SKData data, string name, int? targetShortSide, Func<ContentType> sniff)
    {
        if (targetShortSide is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(targetShortSide), targetShortSide, "The target short side must be positive.");
        }

        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            // Skia's codecs read raster formats only; the content is sniffed (once, on this path alone) to find SVG.
            var content = sniff();
            return content is { Modality: Core.Modality.Image, Format: "svg" }
                ? _svg.Rasterize(data, name, targetShortSide)
                : throw NotDecodable(name, content);
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > _options.MaxImagePixels)
        {
            throw new MediaException(name, MediaStage.Probe,
                $"the image header claims {width}×{height} = {(long)width * height:N0} pixels, over the limit of " +
                $"{_options.MaxImagePixels:N0} (Media:MaxImagePixels); rejected as a possible decompression bomb");
        }

        var decoded = ScaledRgbaDecode.Run(codec, name, targetShortSide);
        return Orientation.Apply(decoded, codec.EncodedOrigin);
    }

    private static MediaException NotDecodable(string name, ContentType content) => content switch
    {
        { Modality: Core.Modality.Image } => new MediaException(name, MediaStage.Decode,
            $"the {content.Format} image is corrupt or truncated (its header cannot be decoded)"),
        { IsSupported: true } => new MediaException(name, MediaStage.Sniff,
            $"the content is {content.Describe()}, not an image"),
        _ => new MediaException(name, MediaStage.Sniff, content.Reason ?? "the content is not an image"),
    };
}
