namespace SearchEngine.Embeddings.Inference;

/// <summary>How ONNX Runtime sessions are created (bound from configuration section <c>Embeddings:Onnx</c> by callers that want to).</summary>
public sealed class OnnxSessionOptions
{
    /// <summary>Threads one ONNX run may use; 0 means one per processor.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Let ONNX Runtime's worker threads spin while waiting for work. Off by default: spinning threads burn the cores
    /// that decoding and other requests need on a shared machine; turn it on for a box that only runs inference.
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>
    /// Run on the CUDA execution provider (device 0). Needs the GPU build (<c>-p:SearchEngineGpu=true</c>);
    /// the CPU build refuses it with a clear error.
    /// </summary>
    public bool UseCuda { get; set; }
}
