using System.Buffers;
using System.Runtime.InteropServices;
using SearchEngine.Core.Media;
using SkiaSharp;

namespace SearchEngine.Media.Images;

/// <summary>
/// Decodes a codec's first frame to RGB at the smallest size whose short side still reaches the target, flattening
/// premultiplied alpha on white (white composite of premultiplied c over 255 is c + 255 − a).
/// </summary>
internal static class ScaledRgbaDecode
{
    public static RgbImage Run(SKCodec codec, string name, int? targetShortSide, long wholeFramePixelBudget)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var shortSide = Math.Min(width, height);
        if (targetShortSide is { } target && target < shortSide)
        {
            var scaled = codec.GetScaledDimensions((float)target / shortSide);
            if (Math.Min(scaled.Width, scaled.Height) >= target)
            {
                (width, height) = (scaled.Width, scaled.Height);
            }

            var factor = Math.Min(width, height) / target;
            if (factor >= 2 && (long)width * height > wholeFramePixelBudget && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown)
            {
                var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
                if (codec.StartScanlineDecode(info) == SKCodecResult.Success)
                {
                    return BoxFilteredRows(codec, name, width, height, factor);
                }
            }
        }

        return WholeFrame(codec, name, width, height);
    }

    private static RgbImage WholeFrame(SKCodec codec, string name, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var rgba = ArrayPool<byte>.Shared.Rent(checked(width * height * 4));
        try
        {
            SKCodecResult result;
            unsafe
            {
                fixed (byte* pixels = rgba)
                {
                    // Frame 0 only: for an animated GIF that is its first frame.
                    result = codec.GetPixels(info, (IntPtr)pixels, info.RowBytes, new SKCodecOptions(0));
                }
            }

            ThrowOnFailure(result, name);
            var rgb = new byte[width * height * 3];
            Flatten(rgba.AsSpan(0, width * height * 4), rgb);
            return new RgbImage(width, height, rgb);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rgba);
        }
    }

    // Averages factor×factor blocks while rows stream out of the codec: memory is factor rows, not the whole frame.
    private static RgbImage BoxFilteredRows(SKCodec codec, string name, int width, int height, int factor)
    {
        int outW = width / factor, outH = height / factor;
        var rowBytes = width * 4;
        var band = ArrayPool<byte>.Shared.Rent(rowBytes * factor);
        var sums = new int[outW * 4];
        var rgb = new byte[outW * outH * 3];
        var area = factor * factor;
        try
        {
            for (var oy = 0; oy < outH; oy++)
            {
                int decodedRows;
                unsafe
                {
                    fixed (byte* pixels = band)
                    {
                        decodedRows = codec.GetScanlines((IntPtr)pixels, factor, rowBytes);
                    }
                }

                if (decodedRows < factor)
                {
                    ThrowOnFailure(SKCodecResult.IncompleteInput, name);
                }

                Array.Clear(sums);
                for (var r = 0; r < factor; r++)
                {
                    var row = MemoryMarshal.Cast<byte, uint>(band.AsSpan(r * rowBytes, outW * factor * 4));
                    for (var ox = 0; ox < outW; ox++)
                    {
                        var s = ox * 4;
                        foreach (var pixel in row.Slice(ox * factor, factor))
                        {
                            sums[s] += (int)(pixel & 0xFF);
                            sums[s + 1] += (int)((pixel >> 8) & 0xFF);
                            sums[s + 2] += (int)((pixel >> 16) & 0xFF);
                            sums[s + 3] += (int)(pixel >> 24);
                        }
                    }
                }

                var target = rgb.AsSpan(oy * outW * 3, outW * 3);
                for (var ox = 0; ox < outW; ox++)
                {
                    var white = 255 - (sums[(ox * 4) + 3] / area);
                    target[ox * 3] = (byte)Math.Min(255, (sums[ox * 4] / area) + white);
                    target[(ox * 3) + 1] = (byte)Math.Min(255, (sums[(ox * 4) + 1] / area) + white);
                    target[(ox * 3) + 2] = (byte)Math.Min(255, (sums[(ox * 4) + 2] / area) + white);
                }
            }

            return new RgbImage(outW, outH, rgb);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(band);
        }
    }

    private static void Flatten(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        for (int s = 0, t = 0; s < rgba.Length; s += 4, t += 3)
        {
            var white = 255 - rgba[s + 3];
            rgb[t] = (byte)(rgba[s] + white);
            rgb[t + 1] = (byte)(rgba[s + 1] + white);
            rgb[t + 2] = (byte)(rgba[s + 2] + white);
        }
    }

    private static void ThrowOnFailure(SKCodecResult result, string name)
    {
        switch (result)
        {
            case SKCodecResult.Success:
                return;
            case SKCodecResult.IncompleteInput:
                throw new MediaException(name, MediaStage.Decode, "the image is truncated (its data ends before the last row)");
            case SKCodecResult.ErrorInInput:
                throw new MediaException(name, MediaStage.Decode, "the image data is corrupt");
            default:
                throw new MediaException(name, MediaStage.Decode, $"the image cannot be decoded ({result})");
        }
    }
}
