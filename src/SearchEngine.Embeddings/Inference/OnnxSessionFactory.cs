using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using SearchEngine.Embeddings.Onnx;

namespace SearchEngine.Embeddings.Inference;

/// <summary>
/// Creates ONNX Runtime sessions the same way everywhere: all graph optimizations, intra-op threads sized to the
/// machine, CUDA when asked for in the GPU build. Towers create one session per ONNX file, once, and reuse it.
/// </summary>
public sealed class OnnxSessionFactory
{
    /// <summary>Creates sessions with <paramref name="options"/> (defaults when null).</summary>
    public OnnxSessionFactory(OnnxSessionOptions? options = null) => Options = options ?? new OnnxSessionOptions();

    /// <summary>The factory with default options.</summary>
    public static OnnxSessionFactory Default { get; } = new();

    /// <summary>The options sessions are created with.</summary>
    public OnnxSessionOptions Options { get; }

    /// <summary>Opens the ONNX model at <paramref name="path"/>; errors name the file.</summary>
    public InferenceSession Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model '{path}' does not exist.", path);
        }

        using var sessionOptions = CreateSessionOptions();
        try
        {
            return new InferenceSession(path, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"ONNX Runtime could not load '{path}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Opens the ONNX model at <paramref name="path"/> computed in <paramref name="precision"/>: null as stored,
    /// <see cref="Float32Graph.Precision"/> an int8 graph as its float32 equivalent.
    /// </summary>
    public InferenceSession Open(string path, string? precision)
    {
        if (precision is null)
        {
            return Open(path);
        }

        if (precision != Float32Graph.Precision)
        {
            throw new ArgumentException($"Unknown precision '{precision}'; the one known is '{Float32Graph.Precision}'.", nameof(precision));
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model '{path}' does not exist.", path);
        }

        byte[] model;
        try
        {
            model = Float32Graph.FromInt8(File.ReadAllBytes(path));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{path}' is not an ONNX model: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}': {e.Message}", e);
        }

        try
        {
            return Open(model);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"ONNX Runtime could not load the float32 graph of '{path}': {e.Message}", e);
        }
    }

    /// <summary>Opens an ONNX model held in memory (e.g. one just built with <see cref="Onnx.OnnxGraphBuilder"/>).</summary>
    public InferenceSession Open(byte[] model)
    {
        using var sessionOptions = CreateSessionOptions();
        return new InferenceSession(model, sessionOptions);
    }

    private SessionOptions CreateSessionOptions()
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Options.IntraOpThreads > 0 ? Options.IntraOpThreads : Environment.ProcessorCount,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", Options.AllowSpinning ? "1" : "0");
        if (Options.UseCuda)
        {
#if SEARCHENGINE_GPU
            sessionOptions.AppendExecutionProvider_CUDA(0);
#else
            sessionOptions.Dispose();
            throw new NotSupportedException(
                "CUDA was requested (OnnxSessionOptions.UseCuda) but this is the CPU build of ONNX Runtime; build with -p:SearchEngineGpu=true.");
#endif
        }

        return sessionOptions;
    }
}
