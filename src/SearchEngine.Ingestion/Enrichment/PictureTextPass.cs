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
public sealed partial class PictureTextPass
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
            var results = await ReadAsync(pending, cancellationToken).ConfigureAwait(false);
            Embed(pack, results);
            finished += await _store.SaveAsync(collection.Id, results, cancellationToken).ConfigureAwait(false);
            progress?.Invoke(await _store.ProgressAsync(collection.Id, cancellationToken).ConfigureAwait(false));
        }

        return finished;
    }

    /// <summary>
    /// Reads a batch of documents: decodes them and runs the presence check, <see cref="OcrOptions.Workers"/> at a time;
    /// then reads the pictures that have lines in at most that many Tesseract runs, each over several pictures, because
    /// a run's start (loading the model) costs more than reading a few lines.
    /// </summary>
    private async Task<EnrichmentResult[]> ReadAsync(IReadOnlyList<PendingDocument> pending, CancellationToken cancellationToken)
    {
        var seen = new DocumentPictures[pending.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Workers, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, pending.Count), parallel,
            async (i, ct) => seen[i] = await DetectAsync(pending[i], ct).ConfigureAwait(false)).ConfigureAwait(false);

        var withLines = seen.Where(d => d.Error is null).SelectMany(d => d.Pictures).ToList();
        var readings = new Dictionary<Picture, PictureReading>();
        if (withLines.Count > 0)
        {
            var runs = withLines.Chunk((int)Math.Ceiling(withLines.Count / (double)_options.Workers)).ToList();
            var read = new IReadOnlyList<PictureReading>[runs.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, runs.Count), parallel, async (r, ct) =>
                read[r] = await _reader.ReadAsync([.. runs[r].Select(p => (p.Image, p.Lines))], ct).ConfigureAwait(false)).ConfigureAwait(false);
            for (var r = 0; r < runs.Count; r++)
            {
                for (var k = 0; k < runs[r].Length; k++)
                {
                    readings[runs[r][k]] = read[r][k];
                }
            }
        }

        return [.. seen.Select(d => Result(d, readings))];
    }

    /// <summary>A document's pictures (a video's keyframes) decoded for reading, those where the presence check found lines.</summary>
    private async Task<DocumentPictures> DetectAsync(PendingDocument document, CancellationToken cancellationToken)
    {
        try
        {
            var frames = new List<(double? Time, RgbImage Image)>();
            if (document.Modality == Modality.Video)
            {
                var video = await _video.DecodeAsync(document.Uri, sampleRate: null, _options.ImageShortSide, cancellationToken).ConfigureAwait(false);
                frames.AddRange(video.Frames.Select(f => ((double?)f.Time, f.Image)));
            }
            else
            {
                frames.Add((null, _images.Decode(document.Uri, _options.ImageShortSide)));
            }

            var pictures = new List<Picture>();
            foreach (var (time, image) in frames)
            {
                var lines = _reader.DetectLines(image);
                if (lines.Count > 0)
                {
                    pictures.Add(new Picture(time, image, lines));
                }
            }

            return new DocumentPictures(document, pictures, null);
        }
        catch (Exception e) when (e is MediaException or IOException or UnauthorizedAccessException)
        {
            return new DocumentPictures(document, [], e.Message);
        }
    }

    private EnrichmentResult Result(DocumentPictures document, Dictionary<Picture, PictureReading> readings)
    {
        var segments = new List<TextSegment>();
        string? error = document.Error;
        foreach (var picture in document.Pictures)
        {
            var reading = readings[picture];
            error ??= reading.Error;
            if (reading.Text is { } read && read.Text is { Length: > 0 } text)
            {
                // The vector is filled in by Embed, one text-tower call for the whole batch.
                segments.Add(new TextSegment(text, picture.Time, WordBoxes.ToJson(read, picture.Image), []));
            }
        }

        if (segments.Count > 0)
        {
            return new EnrichmentResult(document.Document, EnrichmentOutcome.Text, segments);
        }

        if (error is not null)
        {
            LogUnread(_logger, document.Document.Uri, document.Document.DocumentId, error);
            return new EnrichmentResult(document.Document, EnrichmentOutcome.Failed, [], error);
        }

        return new EnrichmentResult(document.Document, EnrichmentOutcome.NoText, []);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text in {Uri} (document {DocumentId}) could not be read: {Reason}")]
    private static partial void LogUnread(ILogger logger, string uri, long documentId, string reason);

    /// <summary>One picture to read: a picture document, or a video keyframe at <see cref="Time"/>.</summary>
    private sealed record Picture(double? Time, RgbImage Image, IReadOnlyList<Ocr.Detection.TextLine> Lines);

    private sealed record DocumentPictures(PendingDocument Document, IReadOnlyList<Picture> Pictures, string? Error);
}
