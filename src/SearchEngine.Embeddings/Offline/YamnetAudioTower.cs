using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Audio;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Offline;

/// <summary>
/// The offline audio tower: YAMNet front end → log-mel patches [P,96,64] → <c>yamnet.onnx</c> <c>embedding</c>
/// [P,1024] → windows of patches [W,windowPatches,1024] with a mask → trained head (which also takes each window's
/// per-patch AudioSet <c>scores</c> when it declares them, see <see cref="ConceptGraphs"/>) → L2 normalization. Each patch is
/// embedded once even when several windows share it. A clip shorter than one patch is zero-padded to one patch.
/// </summary>
public sealed class YamnetAudioTower : IAudioTower
{
    /// <summary>The tower type in <c>pack.json</c>.</summary>
    public const string TypeName = "yamnet+head";

    private const int BackboneWidth = 1024;
    private const int AudioSetClasses = 521;
    private const int DefaultBatchSize = 32;
    private readonly InferenceSession _backbone;
    private readonly InferenceSession _head;
    private readonly YamnetFrontEnd _frontEnd;
    private readonly AudioWindowing _windowing;
    private readonly string _backboneInput;
    private readonly string _backboneEmbedding;
    private readonly string? _backboneScores;
    private readonly int _batchSize;

    internal YamnetAudioTower(TowerContext context)
    {
        _windowing = context.Preprocessing(OfflineJsonContext.Default.AudioWindowing, AudioWindowing.Default);
        _windowing.Validate();
        _frontEnd = new YamnetFrontEnd(_windowing.PatchHopFrames);
        var backbone = context.Model("backbone");
        _backboneInput = backbone.InputName("patch");
        _backboneEmbedding = backbone.OutputName("embedding");
        _batchSize = context.Tower.BatchSize ?? DefaultBatchSize;
        _backbone = context.OpenSession("backbone");
        try
        {
            context.RequireTensors(_backbone, "backbone", [_backboneInput], [_backboneEmbedding]);
            _head = context.OpenSession("head");
            context.RequireTensors(_head, "head", [HeadContract.Patches, HeadContract.Mask], [HeadContract.Embedding]);
            // A concept-bridge head also takes YAMNet's per-patch AudioSet scores.
            if (_head.InputMetadata.ContainsKey(HeadContract.Scores))
            {
                _backboneScores = backbone.OutputName("scores");
                context.RequireTensors(_backbone, "backbone", [], [_backboneScores]);
            }
            Dimension = (int)(FloatTensor.LastDimension(_head, HeadContract.Embedding) ?? context.Dimension);
        }
        catch
        {
            _backbone.Dispose();
            _head?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public int SampleRate => YamnetFrontEnd.SampleRate;

    /// <inheritdoc />
    public double WindowSeconds => (_windowing.WindowPatches - 1) * _frontEnd.PatchHopSeconds + PatchSpanSeconds;

    /// <inheritdoc />
    public double HopSeconds => _windowing.HopPatches * _frontEnd.PatchHopSeconds;

    // A patch covers 96 frames of 10 ms; its sample tail (15 ms) is ignored for window times.
    private static double PatchSpanSeconds => YamnetFrontEnd.PatchFrames * (double)YamnetFrontEnd.FrameHop / YamnetFrontEnd.SampleRate;

    /// <inheritdoc />
    public IReadOnlyList<AudioWindowEmbedding> Embed(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRate != SampleRate)
        {
            throw new ArgumentException(
                $"The offline audio tower needs {SampleRate} Hz mono audio, but the clip is {clip.SampleRate} Hz; decode it at {SampleRate} Hz.", nameof(clip));
        }

        var (patchEmbeddings, patchScores) = EmbedPatches(clip.Samples, out var patchCount);
        var windows = _windowing.Windows(patchCount);
        var result = new AudioWindowEmbedding[windows.Count];
        using var runOptions = new RunOptions();
        var width = _windowing.WindowPatches;
        var patchBuffer = ArrayPool<float>.Shared.Rent(Math.Min(windows.Count, _batchSize) * width * BackboneWidth);
        var maskBuffer = ArrayPool<float>.Shared.Rent(Math.Min(windows.Count, _batchSize) * width);
        var scoreBuffer = patchScores is null ? null : ArrayPool<float>.Shared.Rent(Math.Min(windows.Count, _batchSize) * width * AudioSetClasses);
        try
        {
            for (var first = 0; first < windows.Count; first += _batchSize)
            {
                var count = Math.Min(_batchSize, windows.Count - first);
                Array.Clear(patchBuffer, 0, count * width * BackboneWidth);
                Array.Clear(maskBuffer, 0, count * width);
                if (scoreBuffer is not null)
                {
                    Array.Clear(scoreBuffer, 0, count * width * AudioSetClasses);
                }

                for (var w = 0; w < count; w++)
                {
                    var (firstPatch, patches) = windows[first + w];
                    patchEmbeddings.AsSpan(firstPatch * BackboneWidth, patches * BackboneWidth).CopyTo(patchBuffer.AsSpan(w * width * BackboneWidth));
                    patchScores?.AsSpan(firstPatch * AudioSetClasses, patches * AudioSetClasses).CopyTo(scoreBuffer.AsSpan(w * width * AudioSetClasses));
                    maskBuffer.AsSpan(w * width, patches).Fill(1f);
                }

                using var patchTensor = FloatTensor.Wrap(patchBuffer, count * width * BackboneWidth, count, width, BackboneWidth);
                using var maskTensor = FloatTensor.Wrap(maskBuffer, count * width, count, width);
                using var scoreTensor = scoreBuffer is null ? null : FloatTensor.Wrap(scoreBuffer, count * width * AudioSetClasses, count, width, AudioSetClasses);
                using var output = scoreTensor is null
                    ? _head.Run(runOptions, [HeadContract.Patches, HeadContract.Mask], [patchTensor, maskTensor], [HeadContract.Embedding])
                    : _head.Run(runOptions, [HeadContract.Patches, HeadContract.Mask, HeadContract.Scores], [patchTensor, maskTensor, scoreTensor], [HeadContract.Embedding]);
                var rows = VectorNormalization.RowsToUnit(output[0].GetTensorDataAsSpan<float>(), count, Dimension);
                for (var w = 0; w < count; w++)
                {
                    var (firstPatch, patches) = windows[first + w];
                    var start = firstPatch * _frontEnd.PatchHopSeconds;
                    var end = Math.Min(clip.Duration, start + (patches - 1) * _frontEnd.PatchHopSeconds + PatchSpanSeconds);
                    result[first + w] = new AudioWindowEmbedding(clip.Offset + start, clip.Offset + Math.Max(end, start), rows[w]);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(patchBuffer);
            ArrayPool<float>.Shared.Return(maskBuffer);
            if (scoreBuffer is not null)
            {
                ArrayPool<float>.Shared.Return(scoreBuffer);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _backbone.Dispose();
        _head.Dispose();
    }

    // Each patch's YAMNet embedding [P, 1024] and, for a concept-bridge head, its AudioSet scores [P, 521].
    private (float[] Embeddings, float[]? Scores) EmbedPatches(float[] samples, out int patchCount)
    {
        patchCount = _frontEnd.PatchCount(samples.Length);
        const int patchLength = YamnetFrontEnd.PatchFrames * YamnetFrontEnd.MelBands;
        var patches = ArrayPool<float>.Shared.Rent(patchCount * patchLength);
        try
        {
            _frontEnd.Compute(samples, patches);
            var embeddings = new float[patchCount * BackboneWidth];
            var scores = _backboneScores is null ? null : new float[patchCount * AudioSetClasses];
            string[] outputs = _backboneScores is null ? [_backboneEmbedding] : [_backboneEmbedding, _backboneScores];
            using var runOptions = new RunOptions();
            for (var first = 0; first < patchCount; first += _batchSize)
            {
                var count = Math.Min(_batchSize, patchCount - first);
                using var input = OrtValue.CreateTensorValueFromMemory(
                    OrtMemoryInfo.DefaultInstance, patches.AsMemory(first * patchLength, count * patchLength),
                    [count, YamnetFrontEnd.PatchFrames, YamnetFrontEnd.MelBands]);
                using var output = _backbone.Run(runOptions, [_backboneInput], [input], outputs);
                output[0].GetTensorDataAsSpan<float>().CopyTo(embeddings.AsSpan(first * BackboneWidth));
                if (scores is not null)
                {
                    output[1].GetTensorDataAsSpan<float>().CopyTo(scores.AsSpan(first * AudioSetClasses));
                }
            }

            return (embeddings, scores);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(patches);
        }
    }
}
