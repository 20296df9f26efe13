using System.Runtime.InteropServices;
using SearchEngine.Core.Media;
using SkiaSharp;

namespace SearchEngine.Media.Images;

/// <summary>
/// Decodes a codec's first frame to RGB at the smallest size whose short side still reaches the target. JPEG and WebP
/// shrink inside the codec; what is still at least twice the target is box-filtered by an integer factor, straight
/// from the codec's rows where it can stream them, otherwise from one native frame buffer freed right after.
/// Premultiplied alpha is flattened on white: the white composite of premultiplied c is c + 255 − a.
/// </summary>
internal static class ScaledRgbaDecode
{
    public static RgbImage Run(SKCodec codec, string name, int? targetShortSide)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var factor = 1;
        if (targetShortSide is { } target && target < Math.Min(width, height))
        {
            var scaled = codec.GetScaledDimensions((float)target / Math.Min(width, height));
            if (Math.Min(scaled.Width, scaled.Height) >= target)
            {
                (width, height) = (scaled.Width, scaled.Height);
            }

            factor = Math.Max(1, Math.Min(width, height) / target);
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        if (factor > 1 && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown && codec.StartScanlineDecode(info) == SKCodecResult.Success)
        {
            return Streamed(codec, name, width, height, factor);
        }

        return WholeFrame(codec, name, info, factor);
    }

    private static unsafe RgbImage WholeFrame(SKCodec codec, string name, SKImageInfo info, int factor)
    {
        // Native memory: a large frame would otherwise stay cached in the array pool or the large object heap.
        var bytes = (nuint)info.BytesSize64;
        var frame = (byte*)NativeMemory.Alloc(bytes);
        try
        {
            // Frame 0 only: for an animated GIF that is its first frame.
            ThrowOnFailure(codec.GetPixels(info, (IntPtr)frame, info.RowBytes, new SKCodecOptions(0)), name);
            var rows = new ReadOnlySpan<byte>(frame, checked((int)bytes));
            var box = new BoxFilter(info.Width, info.Height, factor);
            for (var y = 0; y < box.OutHeight; y++)
            {
                box.AddRows(y, rows.Slice(y * factor * info.RowBytes, factor * info.RowBytes), info.RowBytes);
            }

            return box.Result();
        }
        finally
        {
            NativeMemory.Free(frame);
        }
    }

    // Memory is one band of factor rows, not the whole frame.
    private static unsafe RgbImage Streamed(SKCodec codec, string name, int width, int height, int factor)
    {
        var rowBytes = width * 4;
        var band = new byte[rowBytes * factor];
        var box = new BoxFilter(width, height, factor);
        for (var y = 0; y < box.OutHeight; y++)
        {
            fixed (byte* pixels = band)
            {
                if (codec.GetScanlines((IntPtr)pixels, factor, rowBytes) < factor)
                {
                    ThrowOnFailure(SKCodecResult.IncompleteInput, name);
                }
            }

            box.AddRows(y, band, rowBytes);
        }

        return box.Result();
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

    /// <summary>Averages factor×factor blocks of premultiplied RGBA into flattened RGB, one output row at a time.</summary>
    private sealed class BoxFilter
    {
        private readonly int _factor;
        private readonly int[] _sums;
        private readonly byte[] _rgb;

        public BoxFilter(int width, int height, int factor)
        {
            _factor = factor;
            OutWidth = width / factor;
            OutHeight = height / factor;
            _sums = new int[OutWidth * 4];
            _rgb = new byte[OutWidth * OutHeight * 3];
        }

        public int OutWidth { get; }

        public int OutHeight { get; }

        public void AddRows(int outY, ReadOnlySpan<byte> band, int rowBytes)
        {
            var target = _rgb.AsSpan(outY * OutWidth * 3, OutWidth * 3);
            if (_factor == 1)
            {
                Flatten(band[..(OutWidth * 4)], target);
                return;
            }

            Array.Clear(_sums);
            for (var r = 0; r < _factor; r++)
            {
                var row = MemoryMarshal.Cast<byte, uint>(band.Slice(r * rowBytes, OutWidth * _factor * 4));
                for (var ox = 0; ox < OutWidth; ox++)
                {
                    var s = ox * 4;
                    foreach (var pixel in row.Slice(ox * _factor, _factor))
                    {
                        _sums[s] += (int)(pixel & 0xFF);
                        _sums[s + 1] += (int)((pixel >> 8) & 0xFF);
                        _sums[s + 2] += (int)((pixel >> 16) & 0xFF);
                        _sums[s + 3] += (int)(pixel >> 24);
                    }
                }
            }

            var area = _factor * _factor;
            for (var ox = 0; ox < OutWidth; ox++)
            {
                var white = 255 - (_sums[(ox * 4) + 3] / area);
                target[ox * 3] = (byte)Math.Min(255, (_sums[ox * 4] / area) + white);
                target[(ox * 3) + 1] = (byte)Math.Min(255, (_sums[(ox * 4) + 1] / area) + white);
                target[(ox * 3) + 2] = (byte)Math.Min(255, (_sums[(ox * 4) + 2] / area) + white);
            }
        }

        public RgbImage Result() => new(OutWidth, OutHeight, _rgb);

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
    }
}
