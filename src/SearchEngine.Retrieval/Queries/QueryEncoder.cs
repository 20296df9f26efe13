using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Embeddings.Towers;
using SearchEngine.Media;
using SearchEngine.Media.Audio;
using SearchEngine.Media.Images;
using SearchEngine.Media.Sniffing;
using SearchEngine.Serving;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Retrieval.Queries;

/// <summary>
/// Turns a query into one vector of the collection's space: text through the text tower (cached), an example image
/// through the image tower, an example clip (or a video's sound) through the audio tower as the mean of its windows,
/// a document as the mean of its segments. Several parts (text + file) are averaged after normalization, so each counts
/// equally whatever its tower's typical similarity scale. It also says which tower made the vector, for calibration.
/// Example files are decoded and embedded under <see cref="QueryDecodeGate"/> (a bounded number at once), and their
/// sound under the query limit (<see cref="AudioDecoder.DecodeQueryAsync"/>), so one request's cost is bounded.
/// </summary>
public sealed class QueryEncoder(
    MediaDecoder media, ImageDecoder images, AudioDecoder audio, SegmentStore segments, DocumentStore documents, QueryEmbeddingCache cache, QueryDecodeGate gate,
    IOptions<RetrievalOptions> options)
{
    // One batcher per tower instance; a pack reloaded under new towers gets new ones, and the old go with their towers.
    private readonly ConditionalWeakTable<ITextTower, TextQueryBatcher> _batchers = new();
    private readonly ConditionalWeakTable<ITextTower, TextQueryBatcher>.CreateValueCallback _newBatcher =
        tower => new TextQueryBatcher(tower, options.Value.MaxTextBatch, Environment.ProcessorCount);

    /// <summary>The query's vector, L2-normalized, and the tower that made it (null when several did).</summary>
    public async Task<EncodedQuery> EncodeAsync(ServedCollection collection, SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(query);
        var parts = new List<EncodedQuery>(3);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            parts.Add(new EncodedQuery(await EmbedTextAsync(collection, query.Text, "q"), Modality.Text));
        }

        if (query.FilePath is not null)
        {
            parts.Add(await EmbedFileAsync(collection, query.FilePath, query.FileName ?? "the upload", query.Crop, cancellationToken));
        }

        // A document with a crop was read from its file above: its stored vectors stand for the whole of it.
        if (query.DocumentId is long documentId && query.Crop is null)
        {
            parts.Add(await EmbedDocumentAsync(collection, documentId, cancellationToken));
        }

        if (parts.Count == 0)
        {
            throw new QueryException("q", "Give a query: text (q), an example file (file), or a document id (documentId).");
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        var tower = parts.Select(p => p.Tower).Distinct().ToList();
        return new EncodedQuery(Mean([.. parts.Select(p => p.Vector)]), tower is [{ } only] ? only : null)
        {
            Sound = parts.Select(p => p.Sound).FirstOrDefault(s => s is not null),
        };
    }

    private ValueTask<float[]> EmbedTextAsync(ServedCollection collection, string text, string parameter)
    {
        var tower = collection.Text ?? throw Unsupported(collection, parameter, "text");
        var batcher = _batchers.GetValue(tower, _newBatcher);
        return cache.GetOrAddAsync(collection.Info.PackFingerprint, text, batcher.EmbedAsync);
    }

    private async Task<EncodedQuery> EmbedFileAsync(ServedCollection collection, string path, string name, CropBox? crop, CancellationToken cancellationToken)
    {
        using var slot = await gate.EnterAsync(cancellationToken);
        var content = MediaSniffer.Sniff(path);
        if (!content.IsSupported)
        {
            throw new MediaException(name, MediaStage.Sniff, content.Reason ?? $"{name} is not an image, audio or video file.");
        }

        if (crop is not null && content.Modality != Modality.Image)
        {
            throw new QueryException("crop", $"crop cuts a region out of an image; {name} is {content.Describe()}. Leave crop out, or search with an image.");
        }

        switch (content.Modality)
        {
            case Modality.Image when crop is not null:
                var regionTower = collection.Image ?? throw Unsupported(collection, "file", "image");
                // Decoded large enough that the region, not the whole picture, comes out near the usual short side.
                var whole = images.Decode(path, crop.DecodeShortSide(options.Value.CropDecodeShortSide, options.Value.CropDecodeShortSideLimit));
                return new EncodedQuery(regionTower.Embed([crop.Cut(whole)])[0], Modality.Image);
            case Modality.Image:
                var image = collection.Image ?? throw Unsupported(collection, "file", "image");
                var decoded = (DecodedImage)await media.DecodeAsync(path, audioSampleRate: null, cancellationToken);
                return new EncodedQuery(image.Embed([decoded.Image])[0], Modality.Image);
            case Modality.Audio or Modality.Video:
                var tower = collection.Audio ?? throw Unsupported(collection, "file", "audio");
                var clip = await audio.DecodeQueryAsync(path, tower.SampleRate, cancellationToken);
                var windows = tower.Embed(clip);
                return new EncodedQuery(windows.Count == 1 ? windows[0].Vector : Mean(windows.Select(w => w.Vector).ToList()), Modality.Audio) { Sound = clip };
            case Modality.Text:
                var text = (DecodedText)await media.DecodeAsync(path, audioSampleRate: null, cancellationToken);
                return new EncodedQuery(await EmbedTextAsync(collection, text.Document.Body, "file"), Modality.Text);
            default:
                throw new MediaException(name, MediaStage.Sniff, $"{name} is {content.Describe()}, which cannot be used as a query.");
        }
    }

    private async Task<EncodedQuery> EmbedDocumentAsync(ServedCollection collection, long documentId, CancellationToken cancellationToken)
    {
        var document = await documents.GetAsync(documentId, cancellationToken);
        if (document is null || document.CollectionId != collection.Info.Id)
        {
            throw new QueryException("documentId", $"Document {documentId} is not in collection '{collection.Info.Name}'.", QueryError.NotFound);
        }

        var vectors = await segments.ReadDocumentVectorsAsync(documentId, cancellationToken);
        if (vectors.Count == 0)
        {
            throw new QueryException("documentId", $"Document {documentId} has no vectors to search with.", QueryError.NotFound);
        }

        return new EncodedQuery(vectors.Count == 1 ? vectors[0] : Mean(vectors), DocumentTower(document.Modality, document.Caption));
    }

    /// <summary>
    /// The one tower that embedded every segment of a document, or null: a caption sidecar adds a text segment to an
    /// image or a clip, and a video has frames and sound.
    /// </summary>
    private static Modality? DocumentTower(Modality modality, string? caption) => modality switch
    {
        Modality.Text => Modality.Text,
        Modality.Image or Modality.Audio when string.IsNullOrEmpty(caption) => modality,
        _ => null,
    };

    private static float[] Mean(IReadOnlyList<float[]> vectors)
    {
        var sum = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            TensorPrimitives.Add(sum, vector, sum);
        }

        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(sum, norm, sum);
        }

        return sum;
    }

    private static QueryException Unsupported(ServedCollection collection, string parameter, string modality) =>
        new(parameter, $"Collection '{collection.Info.Name}' uses model pack '{collection.Info.PackId}', which has no {modality} tower, so it cannot take a {modality} query.", QueryError.UnsupportedByPack);
}
