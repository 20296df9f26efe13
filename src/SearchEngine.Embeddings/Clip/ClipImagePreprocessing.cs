namespace SearchEngine.Embeddings.Clip;

/// <summary>
/// CLIP's image preprocessing parameters (the <c>preprocessing</c> object of a <c>clip-image</c> tower in
/// <c>pack.json</c>); the defaults are openai/clip-vit-base-patch32's <c>preprocessor_config.json</c>.
/// </summary>
/// <param name="ShortestEdge">The shorter side is resized to this (bicubic, keeping the aspect ratio).</param>
/// <param name="CropSize">Side of the centred square crop fed to the model.</param>
/// <param name="Mean">Per-channel (R, G, B) mean subtracted after scaling to [0, 1].</param>
/// <param name="Std">Per-channel standard deviation divided by.</param>
public sealed record ClipImagePreprocessing(int ShortestEdge, int CropSize, float[] Mean, float[] Std)
{
    /// <summary>openai/CLIP's values: 224, 224, mean (0.48145466, 0.4578275, 0.40821073), std (0.26862954, 0.26130258, 0.27577711).</summary>
    public static ClipImagePreprocessing Default { get; } = new(
        224,
        224,
        [0.48145466f, 0.4578275f, 0.40821073f],
        [0.26862954f, 0.26130258f, 0.27577711f]);

    /// <summary>Number of floats one preprocessed image takes (3 × crop × crop).</summary>
    public int TensorLength => 3 * CropSize * CropSize;

    /// <summary>Throws a clear error for settings the preprocessor cannot honour.</summary>
    public void Validate()
    {
        if (ShortestEdge <= 0 || CropSize <= 0 || CropSize > ShortestEdge)
        {
            throw new ArgumentException($"CLIP preprocessing needs 0 < cropSize ≤ shortestEdge; got shortestEdge {ShortestEdge}, cropSize {CropSize}.");
        }

        if (Mean is not { Length: 3 } || Std is not { Length: 3 } || Std.Any(s => s <= 0))
        {
            throw new ArgumentException("CLIP preprocessing needs three mean values and three positive std values (R, G, B).");
        }
    }
}
