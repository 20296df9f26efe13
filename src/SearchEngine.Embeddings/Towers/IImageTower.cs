using SearchEngine.Core.Media;

namespace SearchEngine.Embeddings.Towers;

/// <summary>Embeds decoded images (and video keyframes) into the pack's space.</summary>
public interface IImageTower : ITower
{
    /// <summary>Embeds every image, one L2-normalized vector per image in input order; preprocessing and batching are internal.</summary>
    float[][] Embed(IReadOnlyList<RgbImage> images);
}
