using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Core.Media;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Media;
using SearchEngine.Media.Images;
using SearchEngine.Media.Video;
using SearchEngine.Ocr;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Enrichment;

namespace SearchEngine.Ingestion.Enrichment;

/// <summary>
/// The enrichment pass that reads text in a collection's pictures and video keyframes after they are indexed: reading
/// is about a hundred times slower than embedding, so indexing never waits for it. Each document is decoded at a size
/// small print survives, checked for text by the cheap line detector (most photos stop there), read by Tesseract, and
/// the text embedded by the collection's text tower; results are written in batches, each document's text segments
/// together with the record that it is done, so the pass resumes after a crash without reading anything twice.
/// A video's keyframes are the same ones indexing chose (same interval and scene threshold), so their text keeps
/// the frame's time.
/// </summary>
public sealed class PictureTextPass
{
    private readonly EnrichmentStore _store;
    private readonly ModelPackRegistry _packs;
    private readonly PictureTextReader _reader;
    private readonly ImageDecoder _images;
    private readonly VideoDecoder _video;
    private readonly OcrOptions _options;
    private readonly ILogger<PictureTextPass> _logger;

    /// <summary>Creates the pass.</summary>
    public PictureTextPass(
        EnrichmentStore store, ModelPackRegistry packs, PictureTextReader reader, ImageDecoder images, VideoDecoder video,
        IOptions<OcrOptions> options, ILogger<PictureTextPass> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _packs = packs;
        _reader = reader;
        _images = images;
        _video = video;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Why the pass cannot run here (Tesseract missing), or null when it can.</summary>
    public Task<string?> ProblemAsync(CancellationToken cancellationToken = default) => _reader.ProblemAsync(cancellationToken);

    /// <summary>How far the pass is over <paramref name="collection"/>.</summary>
    public Task<EnrichmentProgress> ProgressAsync(CollectionInfo collection, CancellationToken cancellationToken = default) =>
        _store.ProgressAsync(collection.Id, cancellationToken);

    /// <summary>
    /// Reads every document of <paramref name="collection"/> still to do, <see cref="OcrOptions.Workers"/> at a time,
    /// calling <paramref name="progress"/> after each written batch. Returns how many documents were finished.
    /// A collection whose pack has no text tower is left alone. Throws <see cref="OcrUnavailableException"/> when
    /// Tesseract cannot run here (nothing is recorded for the document it stopped at).
    /// </summary>
    public async Task<int> RunAsync(CollectionInfo collection, Action<EnrichmentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var pack = _packs.Get(collection.PackId);
        if (!pack.Built(collection) || pack.Text is null)
        {
            _logger.LogInformation("Collection {Collection}: its pack {Pack} has no text tower here, so the text in its pictures is not read", collection.Name, collection.PackId);
            return 0;
        }

        var finished = 0;
        var after = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            var pending = await _store.PendingAsync(collection.Id, _options.BatchSize, after, cancellationToken).ConfigureAwait(false);
            if (pending.Count == 0)
            {
                break;
            }

            after = pending[^1].DocumentId;
            var results = new EnrichmentResult[pending.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, pending.Count),
                new ParallelOptions { MaxDegreeOfParallelism = _options.Workers, CancellationToken = cancellationToken },
                async (i, ct) => results[i] = await ReadAsync(pending[i], ct).ConfigureAwait(false)).ConfigureAwait(false);

            Embed(pack, results);
            finished += await _store.SaveAsync(collection.Id, results, cancellationToken).ConfigureAwait(false);
            progress?.Invoke(await _store.ProgressAsync(collection.Id, cancellationToken).ConfigureAwait(false));
        }

        return finished;
    }

    private async Task<EnrichmentResult> ReadAsync(PendingDocument document, CancellationToken cancellationToken)
    {
        try
        {
            var pictures = new List<(double? Time, RgbImage Image)>();
            if (document.Modality == Modality.Video)
            {
                var video = await _video.DecodeAsync(document.Uri, sampleRate: null, _options.ImageShortSide, cancellationToken).ConfigureAwait(false);
                pictures.AddRange(video.Frames.Select(f => ((double?)f.Time, f.Image)));
            }
            else
            {
                pictures.Add((null, _images.Decode(document.Uri, _options.ImageShortSide)));
            }

            var segments = new List<TextSegment>();
            foreach (var (time, image) in pictures)
            {
                var read = await _reader.ReadAsync(image, cancellationToken).ConfigureAwait(false);
                var text = read.Text;
                if (text.Length > 0)
                {
                    // The vector is filled in by Embed, one text-tower call for the whole batch.
                    segments.Add(new TextSegment(text, time, WordBoxes.ToJson(read, image), []));
                }
            }

            return new EnrichmentResult(document, segments.Count > 0 ? EnrichmentOutcome.Text : EnrichmentOutcome.NoText, segments);
        }
        catch (OcrUnavailableException)
        {
            throw;
        }
        catch (Exception e) when (e is MediaException or OcrException or IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Text in {Uri} (document {DocumentId}) could not be read: {Reason}", document.Uri, document.DocumentId, e.Message);
            return new EnrichmentResult(document, EnrichmentOutcome.Failed, [], e.Message);
        }
    }

    private static void Embed(ModelPack pack, EnrichmentResult[] results)
    {
        var texts = results.SelectMany(r => r.Segments).Select(s => s.Text).ToList();
        if (texts.Count == 0)
        {
            return;
        }

        var vectors = pack.RequireText().Embed(texts);
        var next = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Segments.Count > 0)
            {
                results[i] = results[i] with { Segments = [.. results[i].Segments.Select(s => s with { Vector = vectors[next++] })] };
            }
        }
    }
}
