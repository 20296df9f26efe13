namespace SearchEngine.Embeddings.Onnx;

/// <summary>A fully connected layer <c>y = x·W + b</c>, optionally followed by ReLU, as exported into a head graph.</summary>
/// <param name="Weight">Row-major [InputDim, OutputDim] weights (PyTorch's <c>Linear.weight</c> transposed).</param>
/// <param name="Bias">[OutputDim] bias.</param>
/// <param name="InputDim">Input width.</param>
/// <param name="OutputDim">Output width.</param>
/// <param name="Relu">Whether ReLU follows the layer.</param>
public sealed record DenseLayer(float[] Weight, float[] Bias, int InputDim, int OutputDim, bool Relu = false)
{
    /// <summary>Checks the array sizes against the dimensions.</summary>
    public void Validate()
    {
        if (Weight.Length != InputDim * OutputDim || Bias.Length != OutputDim)
        {
            throw new ArgumentException(
                $"Dense layer {InputDim}→{OutputDim} needs {InputDim * OutputDim} weights and {OutputDim} biases, got {Weight.Length} and {Bias.Length}.");
        }
    }
}
