using SearchEngine.Embeddings.Onnx;
using SearchEngine.Testing.Packs;

namespace SearchEngine.Embeddings.Tests.Clip;

/// <summary>
/// Tiny ONNX graphs with the signatures of the Hugging Face CLIP exports, and the same arithmetic in C# so tests know
/// exactly what each graph must return for the tensors the towers feed it.
/// </summary>
internal static class TinyClipModels
{
    public const int Dimension = 8;
    public const int TableRows = 97;
    public const int Context = 77;

    /// <summary>Row r of the token table: a fixed pseudo-random vector.</summary>
    public static readonly float[] TokenTable = TinyWeights.Uniform(TableRows * Dimension, seed: 7);

    /// <summary>Mask weights [77, D] of the text graph with attention_mask.</summary>
    public static readonly float[] MaskWeights = TinyWeights.Uniform(Context * Dimension, seed: 11);

    /// <summary>Vision projection [3, D] and bias [D].</summary>
    public static readonly float[] VisionWeights = TinyWeights.Uniform(3 * Dimension, seed: 13);

    public static readonly float[] VisionBias = TinyWeights.Uniform(Dimension, seed: 17);

    /// <summary>text_embeds = mean over positions of TokenTable[input_ids mod 97] (+ mask · MaskWeights when masked).</summary>
    public static byte[] Text(bool withAttentionMask)
    {
        var graph = new OnnxGraphBuilder("tiny_clip_text");
        graph.AddInput("input_ids", OnnxDataType.Int64, "batch_size", "sequence_length");
        graph.AddInitializer("modulus", [(long)TableRows], 1);
        graph.AddInitializer("table", TokenTable, TableRows, Dimension);
        var rows = graph.Apply("Mod", "input_ids", "modulus");
        var gathered = graph.Apply("Gather", "table", rows);
        var mean = graph.Apply("ReduceMean", [gathered], OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", 0));
        if (withAttentionMask)
        {
            graph.AddInput("attention_mask", OnnxDataType.Int64, "batch_size", "sequence_length");
            graph.AddInitializer("mask_weights", MaskWeights, Context, Dimension);
            var mask = graph.Apply("Cast", ["attention_mask"], OnnxAttribute.Int("to", (long)OnnxDataType.Float));
            var masked = graph.Apply("MatMul", mask, "mask_weights");
            graph.AddNode("Add", [mean, masked], ["text_embeds"]);
        }
        else
        {
            graph.AddNode("Identity", [mean], ["text_embeds"]);
        }

        graph.AddOutput("text_embeds", OnnxDataType.Float, "batch_size", Dimension);
        return graph.ToBytes();
    }

    /// <summary>image_embeds = (per-channel mean of pixel_values) · VisionWeights + VisionBias.</summary>
    public static byte[] Vision()
    {
        var graph = new OnnxGraphBuilder("tiny_clip_vision");
        graph.AddInput("pixel_values", OnnxDataType.Float, "batch_size", 3, 224, 224);
        graph.AddInitializer("weights", VisionWeights, 3, Dimension);
        graph.AddInitializer("bias", VisionBias, Dimension);
        var pooled = graph.Apply("ReduceMean", ["pixel_values"], OnnxAttribute.Ints("axes", 2, 3), OnnxAttribute.Int("keepdims", 0));
        var projected = graph.Apply("MatMul", pooled, "weights");
        graph.AddNode("Add", [projected, "bias"], ["image_embeds"]);
        graph.AddOutput("image_embeds", OnnxDataType.Float, "batch_size", Dimension);
        return graph.ToBytes();
    }

    /// <summary>What the text graph returns for one row of ids (and its mask, when masked), L2-normalized.</summary>
    public static float[] ExpectedText(long[] ids, long[]? mask)
    {
        var sum = new double[Dimension];
        foreach (var id in ids)
        {
            for (var d = 0; d < Dimension; d++)
            {
                sum[d] += TokenTable[(int)(id % TableRows) * Dimension + d];
            }
        }

        var vector = sum.Select(s => s / ids.Length).ToArray();
        if (mask is not null)
        {
            for (var t = 0; t < mask.Length; t++)
            {
                for (var d = 0; d < Dimension; d++)
                {
                    vector[d] += mask[t] * MaskWeights[t * Dimension + d];
                }
            }
        }

        return TinyWeights.Unit(vector);
    }

    /// <summary>What the vision graph returns for per-channel means, L2-normalized.</summary>
    public static float[] ExpectedImage(double[] channelMeans)
    {
        var vector = new double[Dimension];
        for (var d = 0; d < Dimension; d++)
        {
            vector[d] = VisionBias[d];
            for (var c = 0; c < 3; c++)
            {
                vector[d] += channelMeans[c] * VisionWeights[c * Dimension + d];
            }
        }

        return TinyWeights.Unit(vector);
    }
}
