using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Media;
using SearchEngine.Media.Audio;
using SearchEngine.Media.Images;
using SearchEngine.Training.Features;

namespace SearchEngine.Training.Evaluation;

/// <summary>
/// Benchmark encoders over a loaded <see cref="ModelPack"/>: files are decoded by the Media decoders and embedded by
/// the pack's own towers, exactly as the indexer would (audio is decoded many files per ffmpeg process, see
/// <see cref="AudioDecoder.DecodeManyAsync"/>). A clip's window vectors are averaged and re-normalized.
/// </summary>
public sealed class TowerEncoders(ModelPack pack, SharedData shared, int threads) : IRetrievalEncoders
{
    private const int ImageBatch = 64;
    private const int AudioBatch = 48;
    private readonly MediaOptions media = new();

    /// <inheritdoc />
    public int? LearnedWidth => pack.Manifest.LearnedDimension;

    /// <inheritdoc />
    public string Name => $"{pack.Id} {pack.Version} (fingerprint {pack.Fingerprint[..Math.Min(16, pack.Fingerprint.Length)]})";

    /// <inheritdoc />
    public Task<FeatureMatrix> EmbedImagesAsync(IReadOnlyList<string> relativePaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        var tower = pack.Image ?? throw new InvalidOperationException($"Pack '{pack.Id}' has no image tower.");
        var decoder = new ImageDecoder(Options.Create(media));
        var vectors = new float[relativePaths.Count][];
        for (var first = 0; first < relativePaths.Count; first += ImageBatch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(ImageBatch, relativePaths.Count - first);
            var images = new Core.Media.RgbImage[count];
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads },
                i => images[i] = decoder.Decode(shared.Require(relativePaths[first + i]), media.ImageShortSide));
            tower.Embed(images).CopyTo(vectors, first);
        }

        return Task.FromResult(Stack(vectors));
    }

    /// <inheritdoc />
    public async Task<FeatureMatrix> EmbedAudioAsync(IReadOnlyList<string> relativePaths, CancellationToken cancellationToken)
    {
        var windows = await EmbedAudioWindowsAsync(relativePaths, cancellationToken);
        return Stack([.. windows.Select(MeanOfWindows)]);
    }

    /// <summary>
    /// Every window vector of every audio file (one matrix per file, a row per window), as the indexer stores them: a
    /// collection scores an audio document by its best window, and calibration must see the scores the API ranks by.
    /// </summary>
    public async Task<IReadOnlyList<FeatureMatrix>> EmbedAudioWindowsAsync(IReadOnlyList<string> relativePaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        var tower = pack.Audio ?? throw new InvalidOperationException($"Pack '{pack.Id}' has no audio tower.");
        var decoder = new AudioDecoder(Options.Create(media));
        var windows = new FeatureMatrix[relativePaths.Count];
        var batches = Enumerable.Range(0, relativePaths.Count).Chunk(AudioBatch);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                var paths = batch.Select(i => shared.Require(relativePaths[i])).ToList();
                var clips = await decoder.DecodeManyAsync(paths, tower.SampleRate, token);
                for (var i = 0; i < batch.Length; i++)
                {
                    windows[batch[i]] = Stack([.. tower.Embed(clips[i].GetClip()).Select(w => w.Vector)]);
                }
            });
        return windows;
    }

    /// <summary>The mean of a clip's window vectors, re-normalized: how the query API embeds an example clip.</summary>
    public static float[] MeanOfWindows(FeatureMatrix windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var mean = new float[windows.Width];
        for (var i = 0; i < windows.Rows; i++)
        {
            TensorPrimitives.Add(mean, windows.Row(i), mean);
        }

        var norm = TensorPrimitives.Norm(mean);
        TensorPrimitives.Divide(mean, norm > 0 ? norm : 1f, mean);
        return mean;
    }

    /// <inheritdoc />
    public Task<FeatureMatrix> EmbedTextsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var tower = pack.Text ?? throw new InvalidOperationException($"Pack '{pack.Id}' has no text tower.");
        return Task.FromResult(Stack(tower.Embed(texts)));
    }

    private static FeatureMatrix Stack(float[][] rows)
    {
        var width = rows.Length == 0 ? 0 : rows[0].Length;
        var values = new float[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i].CopyTo(values, i * width);
        }

        return new FeatureMatrix(rows.Length, width, values);
    }
}
