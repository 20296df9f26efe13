using SearchEngine.Training.Features;
using SearchEngine.Training.Model;
using static TorchSharp.torch;

namespace SearchEngine.Training.Training;

/// <summary>
/// YAMNet patch embeddings of many clips, padded into [B, P, 1024] batches with a mask; long clips are cut to
/// <c>maxPatches</c> (a random window while training, the first window otherwise).
/// </summary>
public sealed class AudioBank
{
    private readonly IReadOnlyList<FeatureMatrix> clips;
    private readonly int maxPatches;

    /// <summary>Holds <paramref name="clips"/> (one matrix of patches per clip).</summary>
    public AudioBank(IReadOnlyList<FeatureMatrix> clips, int maxPatches)
    {
        this.clips = clips;
        this.maxPatches = maxPatches;
    }

    /// <summary>Number of clips.</summary>
    public int Count => clips.Count;

    /// <summary>
    /// Patches [B, P, 1024] and mask [B, P] of clips <paramref name="indices"/>; with <paramref name="random"/>, a random
    /// window and patch dropout (probability <paramref name="patchDropout"/>, never all patches).
    /// </summary>
    public (Tensor Patches, Tensor Mask) Batch(IReadOnlyList<int> indices, double patchDropout = 0, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        const int width = BackboneWidths.AudioPatch;
        var length = Math.Max(1, indices.Max(i => Math.Min(clips[i].Rows, maxPatches)));
        var patches = new float[indices.Count * length * width];
        var mask = new float[indices.Count * length];
        for (var b = 0; b < indices.Count; b++)
        {
            var clip = clips[indices[b]];
            var count = Math.Min(clip.Rows, maxPatches);
            var start = random is null || clip.Rows <= maxPatches ? 0 : random.Next(clip.Rows - maxPatches + 1);
            clip.Values.AsSpan(start * width, count * width).CopyTo(patches.AsSpan(b * length * width));
            var kept = 0;
            for (var p = 0; p < count; p++)
            {
                var keep = random is null || patchDropout <= 0 || random.NextDouble() >= patchDropout;
                mask[b * length + p] = keep ? 1f : 0f;
                kept += keep ? 1 : 0;
            }

            if (kept == 0 && count > 0)
            {
                mask[b * length + random!.Next(count)] = 1f;
            }
        }

        return (tensor(patches, [indices.Count, length, width]), tensor(mask, [indices.Count, length]));
    }
}
