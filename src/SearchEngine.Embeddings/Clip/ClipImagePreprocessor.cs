using SearchEngine.Core.Media;

namespace SearchEngine.Embeddings.Clip;

/// <summary>
/// Turns an image into CLIP's <c>pixel_values</c> as Hugging Face's CLIPImageProcessor does: resize the shorter side
/// to <see cref="ClipImagePreprocessing.ShortestEdge"/> with Pillow's bicubic filter (the longer side becomes
/// <c>int(edge × long / short)</c>), crop the centre square (offset <c>(size − crop) // 2</c>, rounding down as
/// Hugging Face does; torchvision rounds half to even, so odd margins may differ by one pixel from openai/CLIP),
/// scale to [0, 1], normalize per channel, and lay out channel-first (CHW).
/// </summary>
public sealed class ClipImagePreprocessor
{
    private readonly ClipImagePreprocessing _settings;
    private readonly float[] _scale = new float[3];
    private readonly float[] _shift = new float[3];

    /// <summary>Creates the preprocessor; <paramref name="settings"/> defaults to openai/CLIP's.</summary>
    public ClipImagePreprocessor(ClipImagePreprocessing? settings = null)
    {
        _settings = settings ?? ClipImagePreprocessing.Default;
        _settings.Validate();
        for (var c = 0; c < 3; c++)
        {
            // (v / 255 - mean) / std, folded into one multiply-add per value.
            _scale[c] = 1f / (255f * _settings.Std[c]);
            _shift[c] = -_settings.Mean[c] / _settings.Std[c];
        }
    }

    /// <summary>The settings in use.</summary>
    public ClipImagePreprocessing Settings => _settings;

    /// <summary>The size <paramref name="width"/>×<paramref name="height"/> is resized to before cropping.</summary>
    public (int Width, int Height) ResizedSize(int width, int height)
    {
        var edge = _settings.ShortestEdge;
        return width <= height
            ? (edge, (int)((long)edge * height / width))
            : ((int)((long)edge * width / height), edge);
    }

    /// <summary>Writes <paramref name="image"/>'s CHW tensor (3 × crop × crop floats) into <paramref name="destination"/>.</summary>
    public void Preprocess(RgbImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        var crop = _settings.CropSize;
        if (destination.Length != _settings.TensorLength)
        {
            throw new ArgumentException($"The destination must hold 3×{crop}×{crop} = {_settings.TensorLength} floats.", nameof(destination));
        }

        var (width, height) = ResizedSize(image.Width, image.Height);
        var resized = PillowBicubicResize.Resize(image, width, height);
        var top = (height - crop) / 2;
        var left = (width - crop) / 2;
        var plane = crop * crop;
        var pixels = resized.Pixels;
        for (var y = 0; y < crop; y++)
        {
            var source = ((top + y) * width + left) * 3;
            var row = y * crop;
            for (var x = 0; x < crop; x++, source += 3)
            {
                destination[row + x] = pixels[source] * _scale[0] + _shift[0];
                destination[plane + row + x] = pixels[source + 1] * _scale[1] + _shift[1];
                destination[2 * plane + row + x] = pixels[source + 2] * _scale[2] + _shift[2];
            }
        }
    }
}
