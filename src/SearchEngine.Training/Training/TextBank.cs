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
    private Dictionary<string, long>? adoptedWords;
    private readonly Dictionary<int, long[]> captionWordIndex = [];

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
    /// The distinct word vectors of captions <paramref name="captionIds"/> that occur at least <paramref name="minimumCount"/>
    /// times there, most frequent first, as [V, 100] (the vocabulary whose vectors the text head may fine-tune).
    /// </summary>
    public (Tensor Vectors, string[] Keys) FrequentWords(IEnumerable<int> captionIds, int minimumCount)
    {
        ArgumentNullException.ThrowIfNull(captionIds);
        var width = BackboneWidths.WordVector;
        var counts = new Dictionary<string, (int Count, int Caption, int Row)>(StringComparer.Ordinal);
        foreach (var id in captionIds)
        {
            var caption = words[id];
            for (var row = 0; row < Math.Min(caption.Rows, maxWords); row++)
            {
                var key = WordKey(caption, row);
                counts[key] = counts.TryGetValue(key, out var seen) ? (seen.Count + 1, seen.Caption, seen.Row) : (1, id, row);
            }
        }

        var frequent = counts.Values.Where(c => c.Count >= minimumCount)
            .OrderByDescending(c => c.Count).ThenBy(c => c.Caption).ThenBy(c => c.Row).ToList();
        var values = new float[frequent.Count * width];
        for (var i = 0; i < frequent.Count; i++)
        {
            words[frequent[i].Caption].Values.AsSpan(frequent[i].Row * width, width).CopyTo(values.AsSpan(i * width));
        }

        return (tensor(values, [frequent.Count, width]), [.. frequent.Select(f => WordKey(words[f.Caption], f.Row))]);
    }

    /// <summary>Remembers which words the text head fine-tunes: <paramref name="keys"/> (from <see cref="FrequentWords"/>) in key order.</summary>
    public void AdoptWords(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        adoptedWords = keys.Select((key, index) => (key, index)).ToDictionary(k => k.key, k => (long)k.index, StringComparer.Ordinal);
        captionWordIndex.Clear();
        // All at once, before training: keying words by their bytes makes much garbage, and garbage collections during
        // the steps give the finalizers of TorchSharp's temporary Scalars a chance to free one still in use (seen once
        // as "Expected false to be true" from Scalar::toFloat in the first steps of a run).
        for (var id = 0; id < words.Count; id++)
        {
            CaptionWordIndex(id);
        }
    }

    /// <summary>
    /// Per word of captions <paramref name="captionIds"/>, padded to <paramref name="length"/>, the index of its adopted
    /// word or −1 ([B, length] int64); null before <see cref="AdoptWords"/>.
    /// </summary>
    public Tensor? WordIndex(IReadOnlyList<int> captionIds, long length)
    {
        ArgumentNullException.ThrowIfNull(captionIds);
        if (adoptedWords is null)
        {
            return null;
        }

        var index = new long[captionIds.Count * length];
        Array.Fill(index, -1L);
        for (var b = 0; b < captionIds.Count; b++)
        {
            var known = CaptionWordIndex(captionIds[b]);
            known.AsSpan(0, (int)Math.Min(known.Length, length)).CopyTo(index.AsSpan(b * (int)length));
        }

        return tensor(index, [captionIds.Count, length]);
    }

    // Computed once per caption: keying a word by its vector's bytes is too slow for every batch.
    private long[] CaptionWordIndex(int captionId)
    {
        if (!captionWordIndex.TryGetValue(captionId, out var known))
        {
            var caption = words[captionId];
            known = new long[Math.Min(caption.Rows, maxWords)];
            for (var row = 0; row < known.Length; row++)
            {
                known[row] = adoptedWords!.GetValueOrDefault(WordKey(caption, row), -1L);
            }

            captionWordIndex[captionId] = known;
        }

        return known;
    }

    // A word is known by its vector's bytes: the bank holds vectors, not tokens.
    private static string WordKey(FeatureMatrix caption, int row) =>
        Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(
            caption.Values.AsSpan(row * BackboneWidths.WordVector, BackboneWidths.WordVector)));

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
