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
using SearchEngine.Embeddings.Text.Sentence;
using SearchEngine.Embeddings.Vision;
using SearchEngine.Media;
using SearchEngine.Media.Audio;
using SearchEngine.Media.Images;
using SearchEngine.Training.Model;

namespace SearchEngine.Training.Features;

/// <summary>
/// The offline pack's frozen backbones, run exactly as its towers run them (the Media decoders, the Embeddings
/// preprocessing, YAMNet front end, the sentence encoder), but stopping before the heads: MobileNetV2 pooled features
/// and logits per image, YAMNet patch embeddings and mean class scores per clip, a sentence vector per text.
/// </summary>
public sealed class FrozenBackbones : IDisposable
{
    /// <summary>YAMNet's number of AudioSet classes.</summary>
    public const int AudioSetClasses = 521;

    private const string ImageModel = "models/mobilenetv2/mobilenetv2-12-int8-features.onnx";
    private const string AudioModel = "models/yamnet/yamnet.onnx";

    private readonly InferenceSession mobileNet;
    private readonly InferenceSession yamnet;
    private readonly ImageTensorWriter imageWriter = new(ImagePreprocessing.MobileNetV2);
    private readonly YamnetFrontEnd frontEnd = new();
    private readonly SentenceEncoder sentences;
    private readonly ImageDecoder imageDecoder;
    private readonly AudioDecoder audioDecoder;
    private readonly int imageShortSide;

    private FrozenBackbones(SharedData shared, SentenceModelFiles sentenceFiles)
    {
        var imagePath = shared.Require(ImageModel);
        var audioPath = shared.Require(AudioModel);
        // One intra-op thread per session: extraction parallelises over files instead.
        var sessions = new OnnxSessionFactory(new OnnxSessionOptions { IntraOpThreads = 1 });
        mobileNet = sessions.Open(imagePath, OfflinePack.ImageBackbonePrecision);
        yamnet = sessions.Open(audioPath);
        sentences = new SentenceEncoder(sentenceFiles, sessions);
        var media = Options.Create(new MediaOptions());
        imageShortSide = media.Value.ImageShortSide;
        imageDecoder = new ImageDecoder(media);
        audioDecoder = new AudioDecoder(media);
        // The image features depend on how the int8 file is computed, not only on the file, so features cached (and
        // packs trained) under another precision are not reused.
        ImageFingerprint = Convert.ToHexStringLower(SHA256.HashData(
            Encoding.UTF8.GetBytes(Sha256(imagePath) + "\n" + Float32Graph.Version)));
        AudioFingerprint = Sha256(audioPath);
        TextFingerprint = Sha256(sentenceFiles.Model);
    }

    /// <summary>SHA-256 of the MobileNetV2 file's SHA-256 and <see cref="Float32Graph.Version"/>.</summary>
    public string ImageFingerprint { get; }

    /// <summary>SHA-256 of the YAMNet file.</summary>
    public string AudioFingerprint { get; }

    /// <summary>SHA-256 of the sentence encoder's model.</summary>
    public string TextFingerprint { get; }

    /// <summary>Opens the backbones from the shared folder and the sentence encoder from the cache (extracting it on first use).</summary>
    public static FrozenBackbones Open(SharedData shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        return new FrozenBackbones(shared, MiniLmSetup.EnsureExtracted());
    }

    /// <summary>MobileNetV2 features [1, 1280], and ImageNet logits [1, 1000] (the top-1 class is their arg max) of the image file at <paramref name="path"/>.</summary>
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
        if (features.Length != BackboneWidths.ImageFeatures || logits.Length != BackboneWidths.ImageClasses)
        {
            throw new InvalidDataException($"'{ImageModel}' returned {features.Length} features and {logits.Length} logits; expected 1280 and 1000.");
        }

        return Task.FromResult<FeatureMatrix[]>(
        [
            new FeatureMatrix(1, BackboneWidths.ImageFeatures, features),
            new FeatureMatrix(1, BackboneWidths.ImageClasses, logits),
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
    /// The sentence vectors [384] the text tower feeds its head, one per text, in order (all-MiniLM-L6-v2, as
    /// <see cref="SentenceTextTower"/> runs it).
    /// </summary>
    public float[][] Sentences(IReadOnlyList<string> texts) => sentences.Encode(texts);

    /// <inheritdoc />
    public void Dispose()
    {
        mobileNet.Dispose();
        yamnet.Dispose();
        sentences.Dispose();
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
