using System.Security.Cryptography;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Media;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Benchmarks.Query;

/// <summary>
/// The real collections of the query benchmark, embedded with the default pack the way the indexing pipeline does:
/// a Flickr8k split's images, each with ONE caption (caption #0, as in a user's photo collection; it becomes the
/// document caption and a <c>caption</c> segment through the text tower), and the UrbanSound8K clips of one fold, one
/// <c>audio_window</c> segment per window, without their class as title or caption. Kept between runs.
/// </summary>
internal sealed class EvaluationCollections(CollectionStore collections, DocumentStore documents, NpgsqlDataSource database, MediaDecoder decoder)
{
    private const int ImageBatch = 32;
    private const int AudioBatch = 64;

    public static string Flickr8kName(string split) => $"bench-flickr8k-{split}";

    public static string UrbanSoundName(int fold) => $"bench-us8k-fold{fold}";

    public async Task<CollectionInfo> EnsureFlickr8kAsync(ModelPack pack, string split, CancellationToken cancellationToken = default)
    {
        var images = BenchDatasets.Flickr8k(split);
        var (collection, complete) = await collections.OpenAsync(database, Flickr8kName(split), pack, images.Count, cancellationToken);
        if (complete)
        {
            return collection;
        }

        var imageTower = pack.RequireImage();
        var textTower = pack.RequireText();
        for (var start = 0; start < images.Count; start += ImageBatch)
        {
            var batch = images.Skip(start).Take(ImageBatch).ToList();
            var decoded = new List<(CaptionedImage Source, RgbImage Image)>(batch.Count);
            foreach (var image in batch)
            {
                if (await decoder.DecodeAsync(image.Path, audioSampleRate: null, cancellationToken) is DecodedImage d)
                {
                    decoded.Add((image, d.Image));
                }
            }

            var imageVectors = imageTower.Embed(decoded.Select(d => d.Image).ToList());
            var captionVectors = textTower.Embed(decoded.Select(d => d.Source.Captions[0]).ToList());
            var writes = decoded.Select((d, i) => new DocumentWrite(
                d.Source.Name, Modality.Image, Sha256Of(d.Source.Path), new FileInfo(d.Source.Path).Length,
                [new Segment(SegmentKind.Whole, null, null, imageVectors[i]), new Segment(SegmentKind.Caption, null, null, captionVectors[i])])
            {
                Width = d.Image.Width,
                Height = d.Image.Height,
                Caption = d.Source.Captions[0],
            }).ToList();
            await documents.WriteAsync(collection, writes, cancellationToken);
            Console.Error.WriteLine($"[query] {collection.Name}: {Math.Min(images.Count, start + ImageBatch)}/{images.Count} images embedded");
        }

        return collection;
    }

    public async Task<CollectionInfo> EnsureUrbanSoundAsync(ModelPack pack, int fold, CancellationToken cancellationToken = default)
    {
        var clips = BenchDatasets.UrbanSound8k(fold);
        var (collection, complete) = await collections.OpenAsync(database, UrbanSoundName(fold), pack, clips.Count, cancellationToken);
        if (complete)
        {
            return collection;
        }

        var tower = pack.RequireAudio();
        for (var start = 0; start < clips.Count; start += AudioBatch)
        {
            // Short clips share ffmpeg processes (MediaDecoder.DecodeManyAsync) and are decoded at the tower's rate, as
            // the indexer decodes them.
            var chunk = clips.Skip(start).Take(AudioBatch).ToList();
            var writes = new List<DocumentWrite>(chunk.Count);
            foreach (var result in await decoder.DecodeManyAsync([.. chunk.Select(c => c.Path)], tower.SampleRate, cancellationToken))
            {
                if (result.Media is not DecodedAudio audio)
                {
                    Console.Error.WriteLine($"[query] skipped {result.Path}: {result.Error?.Reason ?? $"decoded as {result.Media?.Content.Modality}, not audio"}");
                    continue;
                }

                var segments = tower.Embed(audio.Clip).Select(w => new Segment(SegmentKind.AudioWindow, w.Start, w.End, w.Vector)).ToList();
                // Named by file only: UrbanSound8K file names hold the class as a number, never as words full text could match.
                writes.Add(new DocumentWrite(Path.GetFileName(result.Path), Modality.Audio, Sha256Of(result.Path), new FileInfo(result.Path).Length, segments)
                {
                    DurationSeconds = audio.Clip.Duration,
                });
            }

            await documents.WriteAsync(collection, writes, cancellationToken);
            Console.Error.WriteLine($"[query] {collection.Name}: {Math.Min(clips.Count, start + AudioBatch)}/{clips.Count} clips embedded");
        }

        return collection;
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
