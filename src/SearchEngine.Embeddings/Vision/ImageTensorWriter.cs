using System.Buffers;
using SearchEngine.Core.Media;

namespace SearchEngine.Embeddings.Vision;

/// <summary>
/// Writes an <see cref="RgbImage"/> into a normalized NCHW float tensor slot: resize shorter side + centre crop +
/// /255 + mean/std, computed only for the cropped pixels. The resize is separable and antialiased like PIL's
/// bilinear filter (its triangle widens when shrinking), so large photos do not alias. Filter taps are precomputed
/// per call; the only buffer is one pooled row block, so the hot path allocates nothing per pixel.
/// </summary>
public sealed class ImageTensorWriter
{
    private readonly ImagePreprocessing _settings;
    private readonly float[] _scale = new float[3];
    private readonly float[] _shift = new float[3];

    /// <summary>Creates a writer for <paramref name="settings"/>.</summary>
    public ImageTensorWriter(ImagePreprocessing settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        for (var c = 0; c < 3; c++)
        {
            // (v / 255 - mean) / std folded into one multiply-add.
            _scale[c] = 1f / (255f * settings.Std[c]);
            _shift[c] = -settings.Mean[c] / settings.Std[c];
        }
    }

    /// <summary>The settings in use.</summary>
    public ImagePreprocessing Settings => _settings;

    /// <summary>Writes <paramref name="image"/> as [3, crop, crop] into <paramref name="destination"/>.</summary>
    public void Write(RgbImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        var crop = _settings.Crop;
        if (destination.Length < _settings.TensorLength)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; {_settings.TensorLength} are needed.", nameof(destination));
        }

        // torchvision Resize(int): the shorter side becomes ResizeShorter, the longer is scaled and truncated.
        int resizedWidth, resizedHeight;
        if (image.Width <= image.Height)
        {
            resizedWidth = _settings.ResizeShorter;
            resizedHeight = (int)((long)_settings.ResizeShorter * image.Height / image.Width);
        }
        else
        {
            resizedHeight = _settings.ResizeShorter;
            resizedWidth = (int)((long)_settings.ResizeShorter * image.Width / image.Height);
        }

        // torchvision CenterCrop: offset = round((size - crop) / 2), round half to even like Python.
        var left = (int)Math.Round((resizedWidth - crop) / 2.0, MidpointRounding.ToEven);
        var top = (int)Math.Round((resizedHeight - crop) / 2.0, MidpointRounding.ToEven);

        var columns = ResampleTaps.Create(image.Width, resizedWidth, left, crop);
        var rows = ResampleTaps.Create(image.Height, resizedHeight, top, crop);

        // Horizontal pass over only the source rows the crop needs: [rowsNeeded, crop, 3].
        var firstRow = rows.FirstSource;
        var rowCount = rows.LastSourceExclusive - firstRow;
        var block = ArrayPool<float>.Shared.Rent(rowCount * crop * 3);
        try
        {
            HorizontalPass(image, columns, firstRow, rowCount, block);
            VerticalPass(block, rows, firstRow, destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(block);
        }
    }

    private void HorizontalPass(RgbImage image, ResampleTaps columns, int firstRow, int rowCount, float[] block)
    {
        var crop = _settings.Crop;
        var pixels = image.Pixels;
        var stride = image.Width * 3;
        for (var r = 0; r < rowCount; r++)
        {
            var source = pixels.AsSpan((firstRow + r) * stride, stride);
            var target = block.AsSpan(r * crop * 3, crop * 3);
            for (var x = 0; x < crop; x++)
            {
                var start = columns.Start[x];
                var weights = columns.WeightsOf(x);
                float red = 0, green = 0, blue = 0;
                var s = start * 3;
                for (var k = 0; k < weights.Length; k++, s += 3)
                {
                    var w = weights[k];
                    red += w * source[s];
                    green += w * source[s + 1];
                    blue += w * source[s + 2];
                }

                target[x * 3] = red;
                target[x * 3 + 1] = green;
                target[x * 3 + 2] = blue;
            }
        }
    }

    private void VerticalPass(float[] block, ResampleTaps rows, int firstRow, Span<float> destination)
    {
        var crop = _settings.Crop;
        var plane = crop * crop;
        var rowLength = crop * 3;
        var accumulator = ArrayPool<float>.Shared.Rent(rowLength);
        try
        {
            var sum = accumulator.AsSpan(0, rowLength);
            for (var y = 0; y < crop; y++)
            {
                sum.Clear();
                var weights = rows.WeightsOf(y);
                var start = rows.Start[y] - firstRow;
                for (var k = 0; k < weights.Length; k++)
                {
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(block.AsSpan((start + k) * rowLength, rowLength), weights[k], sum, sum);
                }

                // Interleaved RGB → planar, clamped to the 8-bit range the resized image would have, then normalized.
                var red = destination.Slice(y * crop, crop);
                var green = destination.Slice(plane + y * crop, crop);
                var blue = destination.Slice(2 * plane + y * crop, crop);
                for (var x = 0; x < crop; x++)
                {
                    red[x] = Math.Clamp(sum[x * 3], 0f, 255f) * _scale[0] + _shift[0];
                    green[x] = Math.Clamp(sum[x * 3 + 1], 0f, 255f) * _scale[1] + _shift[1];
                    blue[x] = Math.Clamp(sum[x * 3 + 2], 0f, 255f) * _scale[2] + _shift[2];
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(accumulator);
        }
    }
}
