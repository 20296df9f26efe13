namespace SearchEngine.Embeddings.Onnx;

/// <summary>
/// The concept bridge inside a head graph (ConSE: Norouzi et al. 2014): a backbone's class scores → the top K classes
/// → their probability-weighted mean of constant class-name vectors (the names embedded by the text backbone) →
/// L2-normalized, scaled by the pack's fusion weight. A picture of a frog thus lands near the sentence "a frog" even
/// though no trained head ever saw one, and the inner product of two fused vectors adds weight × the concepts' cosine to
/// the learned score.
/// </summary>
public static class ConceptGraphs
{
    /// <summary>How many of a backbone's classes make up a concept vector (ConSE's T; 10 in the paper).</summary>
    public const int DefaultTopK = 10;

    /// <summary>
    /// Adds the concept vector of <paramref name="probabilities"/> [N, C] (non-negative class weights) to
    /// <paramref name="graph"/> and returns its name: [N, D] = weight × normalize(Σ_topK p_k · names[k]).
    /// </summary>
    /// <param name="graph">The head graph.</param>
    /// <param name="prefix">Prefix of the constants' names, unique in the graph.</param>
    /// <param name="probabilities">[N, C] class weights (softmax of logits, or sigmoid scores).</param>
    /// <param name="names">The class-name vectors, row-major [C, D].</param>
    /// <param name="classes">C.</param>
    /// <param name="width">D.</param>
    /// <param name="topK">How many classes to mix.</param>
    /// <param name="weight">√ of the fusion weight: the concept's share of a fused inner product is weight².</param>
    public static string Concept(OnnxGraphBuilder graph, string prefix, string probabilities, ReadOnlySpan<float> names, int classes, int width, int topK, float weight)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNotEqual(names.Length, classes * width);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        graph.AddInitializer($"{prefix}_names", names, classes, width);
        graph.AddInitializer($"{prefix}_k", [(long)Math.Min(topK, classes)], 1);
        graph.AddInitializer($"{prefix}_axis_last", [-1L], 1);
        graph.AddInitializer($"{prefix}_axis_1", [1L], 1);
        graph.AddInitializer($"{prefix}_weight", [weight], 1);
        graph.AddInitializer($"{prefix}_eps", [1e-12f], 1);
        var top = $"{prefix}_top_values";
        var indices = $"{prefix}_top_indices";
        graph.AddNode("TopK", [probabilities, $"{prefix}_k"], [top, indices], OnnxAttribute.Int("axis", -1), OnnxAttribute.Int("largest", 1), OnnxAttribute.Int("sorted", 1));
        var vectors = graph.Apply("Gather", [$"{prefix}_names", indices], OnnxAttribute.Int("axis", 0));
        var weighted = graph.Apply("Mul", vectors, graph.Apply("Unsqueeze", top, $"{prefix}_axis_last"));
        var mixed = graph.Apply("ReduceSum", [weighted, $"{prefix}_axis_1"], OnnxAttribute.Int("keepdims", 0));
        return graph.Apply("Mul", Normalize(graph, mixed, $"{prefix}_eps"), $"{prefix}_weight");
    }

    /// <summary>
    /// The masked mean over a window's patches of per-patch class scores [N, P, C] with <paramref name="mask"/> [N, P],
    /// for an audio head's concept vector.
    /// </summary>
    public static string MaskedMean(OnnxGraphBuilder graph, string prefix, string scores, string mask)
    {
        ArgumentNullException.ThrowIfNull(graph);
        graph.AddInitializer($"{prefix}_mean_axis_1", [1L], 1);
        graph.AddInitializer($"{prefix}_mean_axis_2", [2L], 1);
        graph.AddInitializer($"{prefix}_mean_one", [1f], 1);
        var masked = graph.Apply("Mul", scores, graph.Apply("Unsqueeze", mask, $"{prefix}_mean_axis_2"));
        var sum = graph.Apply("ReduceSum", [masked, $"{prefix}_mean_axis_1"], OnnxAttribute.Int("keepdims", 0));
        var count = graph.Apply("ReduceSum", [mask, $"{prefix}_mean_axis_1"], OnnxAttribute.Int("keepdims", 1));
        return graph.Apply("Div", sum, graph.Apply("Max", count, $"{prefix}_mean_one"));
    }

    /// <summary>x / max(‖x‖₂, eps) along the last axis.</summary>
    public static string Normalize(OnnxGraphBuilder graph, string x, string eps)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var norm = graph.Apply("ReduceL2", [x], OnnxAttribute.Ints("axes", -1), OnnxAttribute.Int("keepdims", 1));
        return graph.Apply("Div", x, graph.Apply("Max", norm, eps));
    }
}
