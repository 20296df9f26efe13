using SearchEngine.Core.Media;

namespace SearchEngine.Embeddings.Clip;

/// <summary>
/// Pillow's <c>Image.resize(size, Image.BICUBIC)</c> for 8-bit RGB, bit for bit: a separable cubic convolution
/// (a = -0.5, support 2) whose kernel widens by the scale factor when downscaling (that is Pillow's antialiasing),
/// horizontal pass first, with Pillow's 22-bit fixed-point weights and rounding to 8 bits after each pass. CLIP's
/// image preprocessing (both openai/CLIP and Hugging Face's CLIPImageProcessor) resizes with exactly this.
/// </summary>
public static class PillowBicubicResize
{
    // Pillow's PRECISION_BITS for 8-bit images: 32 - 8 - 2.
    private const int PrecisionBits = 22;
    private const double Support = 2.0;

    /// <summary>Resizes <paramref name="image"/> to <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static RgbImage Resize(RgbImage image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (width == image.Width && height == image.Height)
        {
            return image;
        }

        var horizontal = Coefficients.For(image.Width, width);
        var vertical = Coefficients.For(image.Height, height);

        // Like Pillow, the horizontal pass only computes the source rows the vertical pass will read.
        var firstRow = vertical.Bounds[0];
        var lastRow = vertical.Bounds[^2] + vertical.Bounds[^1];
        var pixels = image.Pixels;
        var rows = image.Height;
        var rowOffset = 0;
        var columns = image.Width;
        if (width != image.Width)
        {
            rows = lastRow - firstRow;
            pixels = ResampleHorizontal(image.Pixels, image.Width, firstRow, rows, width, horizontal);
            rowOffset = firstRow;
            columns = width;
        }

        if (height != image.Height)
        {
            pixels = ResampleVertical(pixels, columns, rowOffset, height, vertical);
        }

        return new RgbImage(width, height, pixels);
    }

    private static byte[] ResampleHorizontal(byte[] source, int sourceWidth, int firstRow, int rows, int width, Coefficients k)
    {
        var output = new byte[width * rows * 3];
        for (var y = 0; y < rows; y++)
        {
            var sourceRow = (firstRow + y) * sourceWidth * 3;
            var outputRow = y * width * 3;
            for (var x = 0; x < width; x++)
            {
                var min = k.Bounds[x * 2];
                var count = k.Bounds[x * 2 + 1];
                var weights = k.Weights.AsSpan(x * k.Size, count);
                int r = 1 << (PrecisionBits - 1), g = r, b = r;
                var at = sourceRow + min * 3;
                foreach (var w in weights)
                {
                    r += source[at] * w;
                    g += source[at + 1] * w;
                    b += source[at + 2] * w;
                    at += 3;
                }

                output[outputRow + x * 3] = Clip8(r);
                output[outputRow + x * 3 + 1] = Clip8(g);
                output[outputRow + x * 3 + 2] = Clip8(b);
            }
        }

        return output;
    }

    private static byte[] ResampleVertical(byte[] source, int width, int rowOffset, int height, Coefficients k)
    {
        var stride = width * 3;
        var output = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var min = k.Bounds[y * 2] - rowOffset;
            var count = k.Bounds[y * 2 + 1];
            var weights = k.Weights.AsSpan(y * k.Size, count);
            for (var i = 0; i < stride; i++)
            {
                var sum = 1 << (PrecisionBits - 1);
                var at = min * stride + i;
                foreach (var w in weights)
                {
                    sum += source[at] * w;
                    at += stride;
                }

                output[y * stride + i] = Clip8(sum);
            }
        }

        return output;
    }

    private static byte Clip8(int value) => value >= (1 << PrecisionBits << 8) ? (byte)255 : value <= 0 ? (byte)0 : (byte)(value >> PrecisionBits);

    private static double Bicubic(double x)
    {
        const double A = -0.5;
        x = Math.Abs(x);
        if (x < 1.0)
        {
            return ((A + 2.0) * x - (A + 3.0)) * x * x + 1;
        }

        return x < 2.0 ? (((x - 5) * x + 8) * x - 4) * A : 0.0;
    }

    /// <summary>Pillow's <c>precompute_coeffs</c> + <c>normalize_coeffs_8bpc</c> for one axis.</summary>
    private sealed class Coefficients
    {
        private Coefficients(int size, int[] bounds, int[] weights)
        {
            Size = size;
            Bounds = bounds;
            Weights = weights;
        }

        /// <summary>Weights per output pixel (the row stride of <see cref="Weights"/>).</summary>
        public int Size { get; }

        /// <summary>Per output pixel: first source pixel, number of source pixels.</summary>
        public int[] Bounds { get; }

        /// <summary>Fixed-point weights, <see cref="Size"/> per output pixel.</summary>
        public int[] Weights { get; }

        public static Coefficients For(int inSize, int outSize)
        {
            var scale = (double)inSize / outSize;
            var filterScale = Math.Max(scale, 1.0);
            var support = Support * filterScale;
            var size = (int)Math.Ceiling(support) * 2 + 1;
            var bounds = new int[outSize * 2];
            var weights = new int[outSize * size];
            var k = new double[size];
            for (var xx = 0; xx < outSize; xx++)
            {
                var center = (xx + 0.5) * scale;
                var inverse = 1.0 / filterScale;
                // Pillow truncates toward zero after adding 0.5 (C's (int) cast).
                var min = Math.Max((int)(center - support + 0.5), 0);
                var max = Math.Min((int)(center + support + 0.5), inSize) - min;
                var total = 0.0;
                for (var x = 0; x < max; x++)
                {
                    k[x] = Bicubic((x + min - center + 0.5) * inverse);
                    total += k[x];
                }

                for (var x = 0; x < max; x++)
                {
                    var w = total != 0.0 ? k[x] / total : k[x];
                    weights[xx * size + x] = (int)(w < 0 ? -0.5 + w * (1 << PrecisionBits) : 0.5 + w * (1 << PrecisionBits));
                }

                bounds[xx * 2] = min;
                bounds[xx * 2 + 1] = max;
            }

            return new Coefficients(size, bounds, weights);
        }
    }
}
