using System.Security.Cryptography;
using System.Text;
using SearchEngine.Training.Features;
using SearchEngine.Training.Model;
using static TorchSharp.torch;

namespace SearchEngine.Training.Training;

/// <summary>
/// Every distinct text of a run (captions, class sentences, prompts) as its sentence vector, the text head's input:
/// added once and referenced by id, encoded in one pass (<see cref="Encode"/>) through a cache keyed by the text, and
/// stacked into [B, 384] batches.
/// </summary>
public sealed class SentenceBank
{
    private readonly List<string> texts = [];
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private float[] vectors = [];

    /// <summary>Number of distinct texts.</summary>
    public int Count => texts.Count;

    /// <summary>The text of <paramref name="id"/>.</summary>
    public string Text(int id) => texts[id];

    /// <summary>The id of <paramref name="text"/>, adding it on first sight.</summary>
    public int Add(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!ids.TryGetValue(text, out var id))
        {
            id = texts.Count;
            texts.Add(text);
            ids[text] = id;
        }

        return id;
    }

    /// <summary>
    /// Gives every text its vector: from <paramref name="cache"/> (keyed by the text's SHA-256) or, for the texts it
    /// lacks, from <paramref name="encode"/>, whose results are added to the cache and saved.
    /// </summary>
    public void Encode(Func<IReadOnlyList<string>, float[][]> encode, FeatureCache cache)
    {
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(cache);
        var keys = texts.Select(Key).ToArray();
        var missing = Enumerable.Range(0, texts.Count).Where(i => !cache.TryGet(keys[i], out _)).ToList();
        if (missing.Count > 0)
        {
            var encoded = encode([.. missing.Select(i => texts[i])]);
            for (var m = 0; m < missing.Count; m++)
            {
                cache.Add(keys[missing[m]], new FeatureMatrix(1, BackboneWidths.Sentence, encoded[m]));
            }

            cache.Save();
        }

        vectors = new float[texts.Count * BackboneWidths.Sentence];
        for (var i = 0; i < texts.Count; i++)
        {
            cache.Get(keys[i]).Values.CopyTo(vectors, i * BackboneWidths.Sentence);
        }
    }

    /// <summary>The sentence vectors of <paramref name="textIds"/> as [B, 384].</summary>
    public Tensor Batch(IReadOnlyList<int> textIds)
    {
        ArgumentNullException.ThrowIfNull(textIds);
        if (vectors.Length != texts.Count * BackboneWidths.Sentence)
        {
            throw new InvalidOperationException("The bank has texts without vectors; call Encode after the last Add.");
        }

        var batch = new float[textIds.Count * BackboneWidths.Sentence];
        for (var b = 0; b < textIds.Count; b++)
        {
            vectors.AsSpan(textIds[b] * BackboneWidths.Sentence, BackboneWidths.Sentence).CopyTo(batch.AsSpan(b * BackboneWidths.Sentence));
        }

        return tensor(batch, [textIds.Count, BackboneWidths.Sentence]);
    }

    /// <summary>The vectors of <paramref name="textIds"/>, row by row.</summary>
    public FeatureMatrix Matrix(IReadOnlyList<int> textIds)
    {
        ArgumentNullException.ThrowIfNull(textIds);
        var values = new float[textIds.Count * BackboneWidths.Sentence];
        for (var b = 0; b < textIds.Count; b++)
        {
            vectors.AsSpan(textIds[b] * BackboneWidths.Sentence, BackboneWidths.Sentence).CopyTo(values.AsSpan(b * BackboneWidths.Sentence));
        }

        return new FeatureMatrix(textIds.Count, BackboneWidths.Sentence, values);
    }

    private static string Key(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
