using SearchEngine.Training.Features;
using SearchEngine.Training.Model;
using static TorchSharp.torch;

namespace SearchEngine.Training.Training;

/// <summary>
/// Every distinct caption of a run as its word vectors (the text tower's input), added once and referenced by id, and
/// padded into [B, T, 100] batches with a matching mask.
/// </summary>
public sealed class TextBank
{
    private readonly List<FeatureMatrix> words = [];
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Func<string, FeatureMatrix> wordVectors;
    private readonly int maxWords;

    /// <summary>Creates a bank that turns text into word vectors with <paramref name="wordVectors"/>.</summary>
    public TextBank(Func<string, FeatureMatrix> wordVectors, int maxWords)
    {
        this.wordVectors = wordVectors;
        this.maxWords = maxWords;
    }

    /// <summary>Number of distinct captions.</summary>
    public int Count => words.Count;

    /// <summary>The id of <paramref name="text"/>, adding it on first sight.</summary>
    public int Add(string text)
    {
        if (ids.TryGetValue(text, out var id))
        {
            return id;
        }

        var vectors = wordVectors(text);
        if (vectors.Width != BackboneWidths.WordVector)
        {
            throw new InvalidDataException($"Word vectors are {vectors.Width} wide; the text head takes {BackboneWidths.WordVector}.");
        }

        words.Add(vectors);
        ids[text] = words.Count - 1;
        return words.Count - 1;
    }

    /// <summary>
    /// The word vectors [B, T, 100] and mask [B, T] of captions <paramref name="captionIds"/>; with
    /// <paramref name="wordDropout"/> &gt; 0 each word is dropped from the mask with that probability (never all).
    /// </summary>
    public (Tensor Vectors, Tensor Mask) Batch(IReadOnlyList<int> captionIds, double wordDropout = 0, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(captionIds);
        var length = Math.Max(1, captionIds.Max(id => Math.Min(words[id].Rows, maxWords)));
        var vectors = new float[captionIds.Count * length * BackboneWidths.WordVector];
        var mask = new float[captionIds.Count * length];
        for (var b = 0; b < captionIds.Count; b++)
        {
            var caption = words[captionIds[b]];
            var count = Math.Min(caption.Rows, maxWords);
            caption.Values.AsSpan(0, count * BackboneWidths.WordVector)
                .CopyTo(vectors.AsSpan(b * length * BackboneWidths.WordVector));
            var kept = 0;
            for (var t = 0; t < count; t++)
            {
                var keep = wordDropout <= 0 || random!.NextDouble() >= wordDropout;
                mask[b * length + t] = keep ? 1f : 0f;
                kept += keep ? 1 : 0;
            }

            if (kept == 0 && count > 0)
            {
                mask[b * length + random!.Next(count)] = 1f;
            }
        }

        return (tensor(vectors, [captionIds.Count, length, BackboneWidths.WordVector]), tensor(mask, [captionIds.Count, length]));
    }
}
