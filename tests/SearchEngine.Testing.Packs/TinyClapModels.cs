using SearchEngine.Embeddings.Onnx;

namespace SearchEngine.Testing.Packs;

/// <summary>Tiny ONNX graphs with the signatures of the CLAP exports, and their arithmetic in C#.</summary>
public static class TinyClapModels
{
    public const int Dimension = 6;
    public const int MelBins = 64;
    public const int TableRows = 31;

    public static readonly float[] AudioWeights = TinyWeights.Uniform(MelBins * Dimension, 3);
    public static readonly float[] TokenTable = TinyWeights.Uniform(TableRows * Dimension, 5);

    /// <summary>audio_embeds = (mean over frames of input_features) · AudioWeights.</summary>
    public static byte[] Audio(bool withIsLonger)
    {
        var graph = new OnnxGraphBuilder("tiny_clap_audio");
        graph.AddInput("input_features", OnnxDataType.Float, "batch_size", 1, 1001, MelBins);
        if (withIsLonger)
        {
            graph.AddInput("is_longer", OnnxDataType.Bool, "batch_size", 1);
        }

        graph.AddInitializer("weights", AudioWeights, MelBins, Dimension);
        var pooled = graph.Apply("ReduceMean", ["input_features"], OnnxAttribute.Ints("axes", 1, 2), OnnxAttribute.Int("keepdims", 0));
        graph.AddNode("MatMul", [pooled, "weights"], ["audio_embeds"]);
        graph.AddOutput("audio_embeds", OnnxDataType.Float, "batch_size", Dimension);
        return graph.ToBytes();
    }

    /// <summary>text_embeds = masked mean over positions of TokenTable[input_ids mod 31].</summary>
    public static byte[] Text()
    {
        var graph = new OnnxGraphBuilder("tiny_clap_text");
        graph.AddInput("input_ids", OnnxDataType.Int64, "batch_size", "sequence_length");
        graph.AddInput("attention_mask", OnnxDataType.Int64, "batch_size", "sequence_length");
        graph.AddInitializer("modulus", [(long)TableRows], 1);
        graph.AddInitializer("table", TokenTable, TableRows, Dimension);
        graph.AddInitializer("last_axis", [-1L], 1);
        graph.AddInitializer("sequence_axis", [1L], 1);
        var rows = graph.Apply("Mod", "input_ids", "modulus");
        var gathered = graph.Apply("Gather", "table", rows);
        var mask = graph.Apply("Cast", ["attention_mask"], OnnxAttribute.Int("to", (long)OnnxDataType.Float));
        var mask3 = graph.Apply("Unsqueeze", mask, "last_axis");
        var masked = graph.Apply("Mul", gathered, mask3);
        var sum = graph.Apply("ReduceSum", [masked, "sequence_axis"], OnnxAttribute.Int("keepdims", 0));
        var count = graph.Apply("ReduceSum", [mask, "sequence_axis"], OnnxAttribute.Int("keepdims", 1));
        graph.AddNode("Div", [sum, count], ["text_embeds"]);
        graph.AddOutput("text_embeds", OnnxDataType.Float, "batch_size", Dimension);
        return graph.ToBytes();
    }

    public static float[] ExpectedAudio(float[] features)
    {
        var frames = features.Length / MelBins;
        var vector = new double[Dimension];
        for (var m = 0; m < MelBins; m++)
        {
            var mean = 0.0;
            for (var f = 0; f < frames; f++)
            {
                mean += features[f * MelBins + m];
            }

            mean /= frames;
            for (var d = 0; d < Dimension; d++)
            {
                vector[d] += mean * AudioWeights[m * Dimension + d];
            }
        }

        return TinyWeights.Unit(vector);
    }

    public static float[] ExpectedText(IReadOnlyList<long> ids)
    {
        var vector = new double[Dimension];
        foreach (var id in ids)
        {
            for (var d = 0; d < Dimension; d++)
            {
                vector[d] += TokenTable[(int)(id % TableRows) * Dimension + d] / ids.Count;
            }
        }

        return TinyWeights.Unit(vector);
    }
}
