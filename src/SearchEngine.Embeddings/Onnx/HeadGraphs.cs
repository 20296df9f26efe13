namespace SearchEngine.Embeddings.Onnx;

/// <summary>
/// Builds head graphs that follow <see cref="HeadContract"/>: an MLP on pooled backbone features. Training exports its
/// trained heads through these; tests build random-weight heads the same way.
/// </summary>
public static class HeadGraphs
{
    /// <summary>Image head: <c>features</c> [N,featureDim] → dense layers → <c>embedding</c> [N,D].</summary>
    public static OnnxGraphBuilder Image(int featureDim, IReadOnlyList<DenseLayer> layers)
    {
        var graph = new OnnxGraphBuilder("image_head");
        graph.AddInput(HeadContract.Features, OnnxDataType.Float, "N", featureDim);
        Finish(graph, HeadContract.Features, featureDim, layers);
        return graph;
    }

    /// <summary>Sentence text head: <c>sentence</c> [N,featureDim] → dense layers → <c>embedding</c> [N,D].</summary>
    public static OnnxGraphBuilder Sentence(int featureDim, IReadOnlyList<DenseLayer> layers)
    {
        var graph = new OnnxGraphBuilder("text_head");
        graph.AddInput(HeadContract.Sentence, OnnxDataType.Float, "N", featureDim);
        Finish(graph, HeadContract.Sentence, featureDim, layers);
        return graph;
    }

    /// <summary>Audio head: masked mean of <c>patches</c> [N,P,featureDim] → dense layers → <c>embedding</c>.</summary>
    public static OnnxGraphBuilder Audio(int featureDim, IReadOnlyList<DenseLayer> layers) =>
        MaskedMean("audio_head", HeadContract.Patches, "P", featureDim, layers);

    /// <summary>Text head: masked mean of <c>word_vectors</c> [N,T,featureDim] → dense layers → <c>embedding</c>.</summary>
    public static OnnxGraphBuilder Text(int featureDim, IReadOnlyList<DenseLayer> layers) =>
        MaskedMean("text_head", HeadContract.WordVectors, "T", featureDim, layers);

    /// <summary>
    /// Mean over the sequence of the elements whose mask is 1, then the layers. An all-zero mask pools to the zero
    /// vector (the count is clamped to 1), so the head stays finite for a text with no known word.
    /// </summary>
    public static OnnxGraphBuilder MaskedMean(string graphName, string inputName, string sequenceSymbol, int featureDim, IReadOnlyList<DenseLayer> layers)
    {
        var graph = new OnnxGraphBuilder(graphName);
        graph.AddInput(inputName, OnnxDataType.Float, "N", sequenceSymbol, featureDim);
        graph.AddInput(HeadContract.Mask, OnnxDataType.Float, "N", sequenceSymbol);
        graph.AddInitializer("axis_1", [1L], 1);
        graph.AddInitializer("axis_2", [2L], 1);
        graph.AddInitializer("one", [1f], 1);
        var mask3 = graph.Apply("Unsqueeze", HeadContract.Mask, "axis_2");
        var masked = graph.Apply("Mul", inputName, mask3);
        var sum = graph.Apply("ReduceSum", [masked, "axis_1"], OnnxAttribute.Int("keepdims", 0));
        var count = graph.Apply("ReduceSum", [HeadContract.Mask, "axis_1"], OnnxAttribute.Int("keepdims", 1));
        var safeCount = graph.Apply("Max", count, "one");
        var mean = graph.Apply("Div", sum, safeCount);
        Finish(graph, mean, featureDim, layers);
        return graph;
    }

    private static void Finish(OnnxGraphBuilder graph, string input, int featureDim, IReadOnlyList<DenseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A head needs at least one dense layer.", nameof(layers));
        }

        var current = input;
        var width = featureDim;
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            layer.Validate();
            if (layer.InputDim != width)
            {
                throw new ArgumentException($"Layer {i} takes {layer.InputDim} inputs but receives {width}.", nameof(layers));
            }

            graph.AddInitializer($"layer{i}_weight", layer.Weight, layer.InputDim, layer.OutputDim);
            graph.AddInitializer($"layer{i}_bias", layer.Bias, layer.OutputDim);
            var product = graph.Apply("MatMul", current, $"layer{i}_weight");
            var last = i == layers.Count - 1;
            if (last && !layer.Relu)
            {
                graph.AddNode("Add", [product, $"layer{i}_bias"], [HeadContract.Embedding]);
            }
            else
            {
                var biased = graph.Apply("Add", product, $"layer{i}_bias");
                if (last)
                {
                    graph.AddNode("Relu", [biased], [HeadContract.Embedding]);
                }
                else
                {
                    current = layer.Relu ? graph.Apply("Relu", biased) : biased;
                }
            }

            width = layer.OutputDim;
        }

        graph.AddOutput(HeadContract.Embedding, OnnxDataType.Float, "N", width);
    }
}
