using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SearchEngine.Core;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Audio;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Embeddings.Text;
using SearchEngine.Embeddings.Text.Glove;
using SearchEngine.Embeddings.Vision;
using SearchEngine.Media;
using SearchEngine.Media.Audio;
using SearchEngine.Media.Images;
using SearchEngine.Training.Model;

namespace SearchEngine.Training.Features;

/// <summary>
/// The offline pack's frozen backbones, run exactly as its towers run them (the Media decoders, the Embeddings
/// preprocessing, YAMNet front end, word tokenizer and word vectors), but stopping before the heads: MobileNetV2 pooled
/// features and top-1 class per image, YAMNet patch embeddings and mean class scores per clip, word vectors per text.
/// </summary>
public sealed class FrozenBackbones : IDisposable
{
    /// <summary>YAMNet's number of AudioSet classes.</summary>
    public const int AudioSetClasses = 521;

    private const string ImageModel = "models/mobilenetv2/mobilenetv2-12-int8-features.onnx";
    private const string AudioModel = "models/yamnet/yamnet.onnx";
    private const int ImageClasses = 1000;

    private readonly InferenceSession mobileNet;
    private readonly InferenceSession yamnet;
    private readonly ImageTensorWriter imageWriter = new(ImagePreprocessing.MobileNetV2);
    private readonly YamnetFrontEnd frontEnd = new();
    private readonly WordVectors words;
    private readonly int maxWords = WordTokenizerOptions.Default.MaxTokens;
    private readonly ImageDecoder imageDecoder;
    private readonly AudioDecoder audioDecoder;
    private readonly int imageShortSide;

    private FrozenBackbones(SharedData shared, WordVectors words, string wordsPath)
    {
        var imagePath = shared.Require(ImageModel);
        var audioPath = shared.Require(AudioModel);
        // One intra-op thread per session: extraction parallelises over files instead.
        var sessions = new OnnxSessionFactory(new OnnxSessionOptions { IntraOpThreads = 1 });
        mobileNet = sessions.Open(imagePath, OfflinePack.ImageBackbonePrecision);
        yamnet = sessions.Open(audioPath);
        this.words = words;
        var media = Options.Create(new MediaOptions());
        imageShortSide = media.Value.ImageShortSide;
        imageDecoder = new ImageDecoder(media);
        audioDecoder = new AudioDecoder(media);
        // The image features depend on how the int8 file is computed, not only on the file, so features cached (and
        // packs trained) under another precision are not reused.
        ImageFingerprint = Convert.ToHexStringLower(SHA256.HashData(
            Encoding.UTF8.GetBytes(Sha256(imagePath) + "\n" + Float32Graph.Version)));
        AudioFingerprint = Sha256(audioPath);
        TextFingerprint = Sha256(wordsPath);
    }

    /// <summary>SHA-256 of the MobileNetV2 file's SHA-256 and <see cref="Float32Graph.Version"/>.</summary>
    public string ImageFingerprint { get; }

    /// <summary>SHA-256 of the YAMNet file.</summary>
    public string AudioFingerprint { get; }

    /// <summary>SHA-256 of the converted word vectors.</summary>
    public string TextFingerprint { get; }

    /// <summary>Opens the backbones from the shared folder and the word vectors from the cache (converting them on first use).</summary>
    public static FrozenBackbones Open(SharedData shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var path = GloveSetup.EnsureConverted();
        return new FrozenBackbones(shared, WordVectors.Load(path), path);
    }

    /// <summary>MobileNetV2 features [1, 1280] and top-1 ImageNet class [1, 1] of the image file at <paramref name="path"/>.</summary>
    public Task<FeatureMatrix[]> ImageAsync(string path, CancellationToken cancellationToken)
    {
        var image = imageDecoder.Decode(path, imageShortSide);
        var crop = imageWriter.Settings.Crop;
        var input = new float[imageWriter.Settings.TensorLength];
        imageWriter.Write(image, input);
        var tensor = NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(input, [1, 3, crop, crop]));
        using var results = mobileNet.Run([tensor], ["features", "output"]);
        var features = results.First(r => r.Name == "features").AsEnumerable<float>().ToArray();
        var logits = results.First(r => r.Name == "output").AsEnumerable<float>().ToArray();
        if (features.Length != BackboneWidths.ImageFeatures || logits.Length != ImageClasses)
        {
            throw new InvalidDataException($"'{ImageModel}' returned {features.Length} features and {logits.Length} logits; expected 1280 and 1000.");
        }

        return Task.FromResult<FeatureMatrix[]>(
        [
            new FeatureMatrix(1, BackboneWidths.ImageFeatures, features),
            new FeatureMatrix(1, 1, [TensorPrimitives.IndexOfMax(logits)]),
        ]);
    }

    /// <summary>YAMNet patch embeddings [P, 1024] and class scores averaged over patches [1, 521] of the audio file at <paramref name="path"/>.</summary>
    public async Task<FeatureMatrix[]> AudioAsync(string path, CancellationToken cancellationToken) =>
        Audio(await audioDecoder.DecodeAsync(path, YamnetFrontEnd.SampleRate, cancellationToken));

    /// <summary>
    /// <see cref="AudioAsync"/> for many files, decoded by one ffmpeg process (<see cref="AudioDecoder.DecodeManyAsync"/>:
    /// a damaged file fails alone). Results are in input order; a failed file gives its exception.
    /// </summary>
    public async Task<IReadOnlyList<Task<FeatureMatrix[]>>> AudioBatchAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var clips = await audioDecoder.DecodeManyAsync(paths, YamnetFrontEnd.SampleRate, cancellationToken);
        return [.. clips.Select(result => result.Clip is { } clip ? Task.FromResult(Audio(clip)) : Task.FromException<FeatureMatrix[]>(result.Error!))];
    }

    private FeatureMatrix[] Audio(AudioClip clip)
    {
        var patches = frontEnd.Compute(clip.Samples, out var count);
        var input = NamedOnnxValue.CreateFromTensor("patch", new DenseTensor<float>(patches.AsMemory(0, count * YamnetFrontEnd.PatchFrames * YamnetFrontEnd.MelBands),
            [count, YamnetFrontEnd.PatchFrames, YamnetFrontEnd.MelBands]));
        using var results = yamnet.Run([input], ["embedding", "scores"]);
        var embedding = results.First(r => r.Name == "embedding").AsEnumerable<float>().ToArray();
        var scores = results.First(r => r.Name == "scores").AsEnumerable<float>().ToArray();
        var mean = new float[AudioSetClasses];
        for (var p = 0; p < count; p++)
        {
            TensorPrimitives.Add(mean, scores.AsSpan(p * AudioSetClasses, AudioSetClasses), mean);
        }

        TensorPrimitives.Divide(mean, count, mean);
        return [new FeatureMatrix(count, BackboneWidths.AudioPatch, embedding), new FeatureMatrix(1, AudioSetClasses, mean)];
    }

    /// <summary>
    /// The word vectors [T, 100] the text tower feeds its head for <paramref name="text"/>: tokenized, unknown words
    /// dropped, cut at the tower's token limit.
    /// </summary>
    public FeatureMatrix Words(string text)
    {
        var known = new List<int>();
        foreach (var token in WordTokenizer.Tokenize(text))
        {
            var index = words.IndexOf(token);
            if (index >= 0)
            {
                known.Add(index);
                if (known.Count == maxWords)
                {
                    break;
                }
            }
        }

        var values = new float[known.Count * words.Dimension];
        for (var t = 0; t < known.Count; t++)
        {
            words.CopyTo(known[t], values.AsSpan(t * words.Dimension, words.Dimension));
        }

        return new FeatureMatrix(known.Count, words.Dimension, values);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        mobileNet.Dispose();
        yamnet.Dispose();
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
