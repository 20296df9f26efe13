using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Clip;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Clap;

/// <summary>
/// CLAP's audio encoder on ONNX Runtime, for the laion/clap-htsat-unfused export (<c>audio_model.onnx</c>:
/// <c>input_features</c> float [N, 1, 1001, 64] → <c>audio_embeds</c> [N, D]). A clip is cut into windows of
/// <see cref="ClapAudioPreprocessing.MaxSeconds"/> every <see cref="ClapAudioPreprocessing.HopSeconds"/>, the last one
/// ending at the end of the clip; each window goes through <see cref="ClapFeatureExtractor"/> (so a short window is
/// repeated and padded as CLAP was trained) and gives one vector. If the model declares <c>is_longer</c> (only fused
/// CLAP uses it) it is fed false: no window is longer than one input.
/// </summary>
public sealed class ClapAudioTower : IAudioTower
{
    private const string IsLongerName = "is_longer";

    private readonly InferenceSession _session;
    private readonly ClapFeatureExtractor _features;
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly int _batchSize;
    private readonly bool _feedsIsLonger;

    /// <summary>Wraps an open session (which the tower then owns).</summary>
    /// <exception cref="InvalidDataException">The model's inputs or output do not fit the CLAP audio layout.</exception>
    public ClapAudioTower(
        InferenceSession session,
        int dimension,
        ClapAudioPreprocessing? preprocessing = null,
        string inputName = "input_features",
        string outputName = "audio_embeds",
        int batchSize = 8)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _features = new ClapFeatureExtractor(preprocessing);
        _inputName = inputName;
        _outputName = outputName;
        _batchSize = batchSize;
        Dimension = dimension;

        var settings = _features.Settings;
        var inputs = session.InputMetadata;
        if (!inputs.TryGetValue(inputName, out var input) || input.ElementDataType != TensorElementType.Float)
        {
            throw new InvalidDataException($"CLAP audio model: expected a float input '{inputName}'; its inputs are '{string.Join("', '", inputs.Keys)}'.");
        }

        var dims = input.Dimensions;
        if (dims.Length != 4 || (dims[1] > 0 && dims[1] != 1) || (dims[2] > 0 && dims[2] != settings.Frames) || (dims[3] > 0 && dims[3] != settings.MelBins))
        {
            throw new InvalidDataException(
                $"CLAP audio model: input '{inputName}' has shape [{string.Join(", ", dims)}]; the front end makes [N, 1, {settings.Frames}, {settings.MelBins}].");
        }

        _feedsIsLonger = inputs.ContainsKey(IsLongerName);
        var unknown = inputs.Keys.Where(name => name != inputName && name != IsLongerName).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"CLAP audio model: input(s) '{string.Join("', '", unknown)}' are not part of the CLAP audio layout.");
        }

        if (!session.OutputMetadata.ContainsKey(outputName))
        {
            throw new InvalidDataException($"CLAP audio model: no output '{outputName}'; its outputs are '{string.Join("', '", session.OutputMetadata.Keys)}'.");
        }

        EmbeddingRows.RequireDimension(session, outputName, dimension, "CLAP audio model");
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public int SampleRate => _features.Settings.SampleRate;

    /// <inheritdoc />
    public double WindowSeconds => _features.Settings.MaxSeconds;

    /// <inheritdoc />
    public double HopSeconds => _features.Settings.HopSeconds;

    /// <summary>The front end that makes <c>input_features</c>.</summary>
    public ClapFeatureExtractor FeatureExtractor => _features;

    /// <inheritdoc />
    public IReadOnlyList<AudioWindowEmbedding> Embed(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRate != SampleRate)
        {
            throw new ArgumentException(
                $"CLAP needs {SampleRate} Hz audio; this clip is {clip.SampleRate} Hz. Decode it resampled to {SampleRate} Hz.", nameof(clip));
        }

        var windows = Windows(clip.Samples.Length);
        var vectors = new float[windows.Count][];
        var settings = _features.Settings;
        var length = settings.FeatureLength;
        for (var start = 0; start < windows.Count; start += _batchSize)
        {
            var count = Math.Min(_batchSize, windows.Count - start);
            var features = new float[count * length];
            Parallel.For(0, count, i =>
            {
                var (from, to) = windows[start + i];
                _features.Extract(clip.Samples.AsSpan(from, to - from), features.AsSpan(i * length, length));
            });

            using var input = OrtValue.CreateTensorValueFromMemory(features, [count, 1, settings.Frames, settings.MelBins]);
            using var isLonger = _feedsIsLonger ? OrtValue.CreateTensorValueFromMemory(new bool[count], [count, 1]) : null;
            var names = isLonger is null ? new[] { _inputName } : [_inputName, IsLongerName];
            var values = isLonger is null ? new[] { input } : [input, isLonger];
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, values, [_outputName]);
            EmbeddingRows.CopyNormalized(outputs[0], _outputName, count, Dimension, vectors, start);
        }

        var rate = (double)SampleRate;
        return [.. windows.Select((w, i) => new AudioWindowEmbedding(clip.Offset + w.From / rate, clip.Offset + w.To / rate, vectors[i]))];
    }

    /// <summary>Sample ranges of the windows of a clip of <paramref name="samples"/> samples (at least one, even when empty).</summary>
    public IReadOnlyList<(int From, int To)> Windows(int samples)
    {
        var settings = _features.Settings;
        var window = settings.MaxSamples;
        var hop = Math.Max(1, (int)Math.Round(settings.HopSeconds * settings.SampleRate));
        var windows = new List<(int, int)>();
        for (var from = 0; ; from += hop)
        {
            var to = Math.Min(from + window, samples);
            windows.Add((from, to));
            if (to >= samples)
            {
                return windows;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
