using SearchEngine.Embeddings.Onnx;
using SearchEngine.Training.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SearchEngine.Training.Export;

/// <summary>
/// Writes the trained heads as ONNX graphs (opset 17, plain MatMul/Add/Erf/Softmax/Reduce ops) with the project's
/// ONNX writer, following <see cref="HeadContract"/>, so the offline pack runs them on ONNX Runtime. Every graph
/// mirrors its TorchSharp module op for op; <c>HeadExportParityTests</c> holds them to 1e-4.
/// </summary>
public static class HeadExporter
{
    /// <summary>The image head's file name in a pack.</summary>
    public const string ImageFile = "image_head.onnx";

    /// <summary>The audio head's file name in a pack.</summary>
    public const string AudioFile = "audio_head.onnx";

    /// <summary>The text head's file name in a pack.</summary>
    public const string TextFile = "text_head.onnx";

    /// <summary>
    /// Writes the three heads of <paramref name="model"/> into <paramref name="folder"/>, each followed by its part of
    /// the concept bridge when <paramref name="bridge"/> is given.
    /// </summary>
    public static void SaveAll(ContrastiveModel model, string folder, ConceptBridge? bridge = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Image(model.Image, bridge).Save(Path.Combine(folder, ImageFile));
        Audio(model.Audio, bridge).Save(Path.Combine(folder, AudioFile));
        Text(model.Text, bridge).Save(Path.Combine(folder, TextFile));
    }

    /// <summary>
    /// The image head: <c>features</c> [N, 1280] → <c>embedding</c> [N, D]; with a bridge also <c>logits</c> [N, 1000],
    /// and the embedding is [learned ‖ image weight × concept] (D + 384).
    /// </summary>
    public static OnnxGraphBuilder Image(VectorHead head, ConceptBridge? bridge = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        var graph = new OnnxGraphBuilder("image_head");
        graph.AddInput(HeadContract.Features, OnnxDataType.Float, "N", BackboneWidths.ImageFeatures);
        AddConstants(graph);
        var learned = Vector(graph, head, HeadContract.Features);
        Output(graph, learned, head.Dimension, bridge is null ? null : ImageConcept(graph, bridge));
        return graph;
    }

    /// <summary>
    /// The audio head: YAMNet <c>patches</c> and <c>mask</c> → <c>embedding</c>; with a bridge also the patches'
    /// AudioSet <c>scores</c> [N, P, 521], and the embedding is [learned ‖ audio weight × concept].
    /// </summary>
    public static OnnxGraphBuilder Audio(SequenceHead head, ConceptBridge? bridge = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        var graph = Sequence(head, "audio_head", HeadContract.Patches, "P", BackboneWidths.AudioPatch, out var learned);
        Output(graph, learned, (int)head.ProjectOut.weight!.shape[0], bridge is null ? null : AudioConcept(graph, bridge));
        return graph;
    }

    /// <summary>
    /// The text head: <c>sentence</c> [N, 384] → <c>embedding</c>; with a bridge the embedding is [learned ‖ the
    /// sentence itself], so text meets the concept vectors of pictures and sounds.
    /// </summary>
    public static OnnxGraphBuilder Text(VectorHead head, ConceptBridge? bridge = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        var graph = new OnnxGraphBuilder("text_head");
        graph.AddInput(HeadContract.Sentence, OnnxDataType.Float, "N", BackboneWidths.Sentence);
        AddConstants(graph);
        var learned = Vector(graph, head, HeadContract.Sentence);
        Output(graph, learned, head.Dimension, bridge is null ? null : ConceptGraphs.Normalize(graph, HeadContract.Sentence, "norm_eps"));
        return graph;
    }

    // The image concept: softmax of the ImageNet logits (a new input) → weighted class names × image weight.
    private static string ImageConcept(OnnxGraphBuilder graph, ConceptBridge bridge)
    {
        graph.AddInput(HeadContract.Logits, OnnxDataType.Float, "N", BackboneWidths.ImageClasses);
        var probabilities = graph.Apply("Softmax", [HeadContract.Logits], OnnxAttribute.Int("axis", -1));
        return ConceptGraphs.Concept(graph, "image_concept", probabilities, bridge.ImageNames, BackboneWidths.ImageClasses,
            BackboneWidths.Sentence, bridge.TopK, bridge.ImageWeight);
    }

    // The audio concept: the window's mean AudioSet scores (a new input, under the patches' mask) → weighted class
    // names × audio weight.
    private static string AudioConcept(OnnxGraphBuilder graph, ConceptBridge bridge)
    {
        graph.AddInput(HeadContract.Scores, OnnxDataType.Float, "N", "P", BackboneWidths.AudioClasses);
        var scores = ConceptGraphs.MaskedMean(graph, "audio_concept", HeadContract.Scores, HeadContract.Mask);
        return ConceptGraphs.Concept(graph, "audio_concept", scores, bridge.AudioNames, BackboneWidths.AudioClasses,
            BackboneWidths.Sentence, bridge.TopK, bridge.AudioWeight);
    }

    // Mirrors VectorHead.forward: standardization → GELU MLP with residual blocks → L2 normalization.
    private static string Vector(OnnxGraphBuilder graph, VectorHead head, string input)
    {
        graph.AddInitializer("feature_mean", Values(head.FeatureMean), head.InputWidth);
        graph.AddInitializer("feature_scale", Values(head.FeatureScale), head.InputWidth);
        var standardized = graph.Apply("Mul", graph.Apply("Sub", input, "feature_mean"), "feature_scale");
        var hidden = Gelu(graph, Linear(graph, "project_in", head.ProjectIn, standardized));
        for (var i = 0; i < head.Blocks.Count; i++)
        {
            hidden = Residual(graph, $"block{i}", head.Blocks[i], hidden);
        }

        return Normalize(graph, Linear(graph, "project_out", head.ProjectOut, hidden));
    }

    // A sequence head: input [N, L, width] and mask [N, L] → token MLP → masked attention and mean pooling →
    // projection → L2 (the learned vector, before any concept part).
    private static OnnxGraphBuilder Sequence(SequenceHead head, string graphName, string input, string lengthSymbol, int width, out string learned)
    {
        ArgumentNullException.ThrowIfNull(head);
        var graph = new OnnxGraphBuilder(graphName);
        graph.AddInput(input, OnnxDataType.Float, "N", lengthSymbol, width);
        graph.AddInput(HeadContract.Mask, OnnxDataType.Float, "N", lengthSymbol);
        AddConstants(graph);
        graph.AddInitializer("padding_penalty", [MaskedPooling.PaddingPenalty], 1);
        graph.AddInitializer("axis_1", [1L], 1);
        graph.AddInitializer("axis_2", [2L], 1);
        graph.AddInitializer("flatten_tail", [0L, -1L], 2);

        var tokens = Linear(graph, "token_out", head.TokenOut, Gelu(graph, Linear(graph, "token_in", head.TokenIn, input)));
        for (var i = 0; i < head.Layers.Count; i++)
        {
            tokens = EncoderLayer(graph, $"layer{i}", head.Layers[i], tokens);
        }

        var pooled = Pool(graph, head.Pooling, tokens);
        var hidden = Gelu(graph, Linear(graph, "project_in", head.ProjectIn, pooled));
        learned = Normalize(graph, Linear(graph, "project_out", head.ProjectOut, hidden));
        return graph;
    }

    private static void AddConstants(OnnxGraphBuilder graph)
    {
        graph.AddInitializer("one", [1f], 1);
        graph.AddInitializer("half", [0.5f], 1);
        graph.AddInitializer("sqrt2", [MathF.Sqrt(2f)], 1);
        graph.AddInitializer("norm_eps", [1e-12f], 1);
    }

    // Mirrors MaskedPooling.forward: softmax over positions of tokens·queries + (mask − 1)·1e9, then the masked mean.
    private static string Pool(OnnxGraphBuilder graph, MaskedPooling pooling, string tokens)
    {
        graph.AddInitializer("pool_queries", Values(pooling.Queries), pooling.Width, pooling.QueryCount);
        var mask3 = graph.Apply("Unsqueeze", HeadContract.Mask, "axis_2");
        var penalty = graph.Apply("Mul", graph.Apply("Sub", mask3, "one"), "padding_penalty");
        var scores = graph.Apply("Add", graph.Apply("MatMul", tokens, "pool_queries"), penalty);
        var weights = graph.Apply("Softmax", [scores], OnnxAttribute.Int("axis", 1));
        var transposed = graph.Apply("Transpose", [weights], OnnxAttribute.Ints("perm", 0, 2, 1));
        var attended = graph.Apply("Reshape", graph.Apply("MatMul", transposed, tokens), "flatten_tail");

        var sum = graph.Apply("ReduceSum", [graph.Apply("Mul", tokens, mask3), "axis_1"], OnnxAttribute.Int("keepdims", 0));
        var count = graph.Apply("ReduceSum", [HeadContract.Mask, "axis_1"], OnnxAttribute.Int("keepdims", 1));
        var mean = graph.Apply("Div", sum, graph.Apply("Max", count, "one"));
        return graph.Apply("Concat", [attended, mean], OnnxAttribute.Int("axis", 1));
    }

    // Mirrors ResidualBlock.forward: x + W₂ · GELU(W₁ · LN(x)).
    private static string Residual(OnnxGraphBuilder graph, string name, ResidualBlock block, string x)
    {
        var normalized = LayerNormalization(graph, $"{name}_norm", block.Norm, x);
        var hidden = Gelu(graph, Linear(graph, $"{name}_expand", block.Expand, normalized));
        return graph.Apply("Add", x, Linear(graph, $"{name}_contract", block.Contract, hidden));
    }

    // Mirrors TokenEncoderLayer.forward: masked multi-head self-attention over [N, T, W], then the residual MLP.
    private static string EncoderLayer(OnnxGraphBuilder graph, string name, TokenEncoderLayer layer, string tokens)
    {
        var headWidth = layer.Width / layer.Heads;
        graph.AddInitializer($"{name}_split", [0L, 0L, layer.Heads, headWidth], 4);
        graph.AddInitializer($"{name}_merge", [0L, 0L, layer.Width], 3);
        graph.AddInitializer($"{name}_scale", [1f / MathF.Sqrt(headWidth)], 1);
        var x = LayerNormalization(graph, $"{name}_attention_norm", layer.AttentionNorm, tokens);
        string Split(string projected) =>
            graph.Apply("Transpose", [graph.Apply("Reshape", projected, $"{name}_split")], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
        var q = Split(Linear(graph, $"{name}_query", layer.Query, x));
        var k = Split(Linear(graph, $"{name}_key", layer.Key, x));
        var v = Split(Linear(graph, $"{name}_value", layer.Value, x));
        var keysT = graph.Apply("Transpose", [k], OnnxAttribute.Ints("perm", 0, 1, 3, 2));
        // (mask − 1) · 1e9 as [N, 1, 1, T], broadcast over heads and query positions.
        var maskRow = graph.Apply("Unsqueeze", graph.Apply("Unsqueeze", HeadContract.Mask, "axis_1"), "axis_1");
        var penalty = graph.Apply("Mul", graph.Apply("Sub", maskRow, "one"), "padding_penalty");
        var scores = graph.Apply("Add", graph.Apply("Mul", graph.Apply("MatMul", q, keysT), $"{name}_scale"), penalty);
        var weights = graph.Apply("Softmax", [scores], OnnxAttribute.Int("axis", -1));
        var attended = graph.Apply("Transpose", [graph.Apply("MatMul", weights, v)], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
        var merged = graph.Apply("Reshape", attended, $"{name}_merge");
        var h = graph.Apply("Add", tokens, Linear(graph, $"{name}_output", layer.Output, merged));
        return Residual(graph, $"{name}_mlp", layer.Mlp, h);
    }

    // ONNX LayerNormalization (opset 17) over the last axis, as torch.nn.LayerNorm.
    private static string LayerNormalization(OnnxGraphBuilder graph, string name, LayerNorm norm, string x)
    {
        graph.AddInitializer($"{name}_scale", Values(norm.weight!), norm.weight!.shape[0]);
        graph.AddInitializer($"{name}_bias", Values(norm.bias!), norm.bias!.shape[0]);
        return graph.Apply("LayerNormalization", [x, $"{name}_scale", $"{name}_bias"],
            OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", 1e-5f));
    }

    private static string Linear(OnnxGraphBuilder graph, string name, Linear layer, string input)
    {
        var weight = layer.weight!;
        graph.AddInitializer($"{name}_weight", Values(weight.t()), weight.shape[1], weight.shape[0]);
        graph.AddInitializer($"{name}_bias", Values(layer.bias!), weight.shape[0]);
        return graph.Apply("Add", graph.Apply("MatMul", input, $"{name}_weight"), $"{name}_bias");
    }

    // The exact (erf) GELU that TorchSharp's gelu computes: x · ½ · (1 + erf(x / √2)).
    private static string Gelu(OnnxGraphBuilder graph, string x)
    {
        var erf = graph.Apply("Erf", graph.Apply("Div", x, "sqrt2"));
        return graph.Apply("Mul", graph.Apply("Mul", x, graph.Apply("Add", erf, "one")), "half");
    }

    // As torch.nn.functional.normalize: x / max(‖x‖₂, 1e-12) along the last axis.
    private static string Normalize(OnnxGraphBuilder graph, string x) => ConceptGraphs.Normalize(graph, x, "norm_eps");

    // The embedding: the learned vector, or [learned ‖ the bridge's 384-d part] when a bridge appends one.
    private static void Output(OnnxGraphBuilder graph, string x, int dimension, string? appended = null)
    {
        if (appended is not null)
        {
            x = graph.Apply("Concat", [x, appended], OnnxAttribute.Int("axis", -1));
            dimension += BackboneWidths.Sentence;
        }

        graph.AddNode("Identity", [x], [HeadContract.Embedding]);
        graph.AddOutput(HeadContract.Embedding, OnnxDataType.Float, "N", dimension);
    }

    private static float[] Values(Tensor tensor)
    {
        using var contiguous = tensor.detach().cpu().contiguous();
        return contiguous.data<float>().ToArray();
    }
}
