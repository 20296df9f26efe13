using System.Text.Json.Serialization;

namespace SearchEngine.Embeddings.Vision;

/// <summary>
/// ImageNet-style preprocessing parameters (the <c>preprocessing</c> object of an image tower): resize the shorter
/// side, centre-crop a square, scale to [0,1], subtract the mean and divide by the standard deviation per channel.
/// The defaults are MobileNetV2's (<c>models/mobilenetv2/preprocessing.json</c>).
/// </summary>
/// <param name="ResizeShorter">The shorter side is resized to this many pixels (bilinear).</param>
/// <param name="Crop">Side of the centre crop fed to the network.</param>
/// <param name="Mean">Per-channel (R, G, B) mean of the [0,1] values.</param>
/// <param name="Std">Per-channel (R, G, B) standard deviation.</param>
public sealed record ImagePreprocessing(
    int ResizeShorter,
    int Crop,
    float[] Mean,
    float[] Std)
{
    /// <summary>MobileNetV2 / ImageNet: 256 → 224, mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).</summary>
    public static ImagePreprocessing MobileNetV2 { get; } = new(256, 224, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>Floats per preprocessed image (3 × crop × crop).</summary>
    [JsonIgnore]
    public int TensorLength => 3 * Crop * Crop;

    /// <summary>Checks the values make sense.</summary>
    public void Validate()
    {
        if (ResizeShorter <= 0 || Crop <= 0 || Crop > ResizeShorter)
        {
            throw new ArgumentException($"Image preprocessing needs 0 < crop ({Crop}) <= resizeShorter ({ResizeShorter}).");
        }

        if (Mean is not { Length: 3 } || Std is not { Length: 3 } || Std.Any(s => s <= 0))
        {
            throw new ArgumentException("Image preprocessing needs three means and three positive standard deviations (R, G, B).");
        }
    }
}
