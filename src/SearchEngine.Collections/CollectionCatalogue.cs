using System.Collections.Concurrent;
using SearchEngine.Collections.Lexical;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Collections;

/// <summary>
/// What the query path needs to know about a collection besides its vectors, in memory: where each segment sits
/// (document, kind, time span) and, per document, its modality and its title and caption terms for BM25. It is loaded
/// with the index and changed only by <see cref="CollectionIndex.CatchUpAsync"/> from the same change-log entries as
/// the index, so both always describe the same segments. Reads are lock-free and run alongside the catch-up.
/// </summary>
public sealed class CollectionCatalogue
{
    private readonly ConcurrentDictionary<long, SegmentLocation> _segments = new();
    private readonly ConcurrentDictionary<long, CatalogueDocument> _documents = new();
    private readonly ConcurrentDictionary<long, LexicalDocument> _segmentTexts = new();

    /// <summary>
    /// The BM25 statistics over the documents' titles and captions and the texts read in pictures (each OCR segment
    /// counts as one more text, in the same vocabulary, so one set of query terms scores both).
    /// </summary>
    public LexicalIndex Lexical { get; } = new();

    /// <summary>Live segments.</summary>
    public int SegmentCount => _segments.Count;

    /// <summary>Documents that have at least one live segment.</summary>
    public int DocumentCount => _documents.Count;

    /// <summary>Builds the catalogue from a snapshot; apply the changes after its sequence with <see cref="Apply"/>.</summary>
    public static CollectionCatalogue From(SegmentCatalogueSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var catalogue = new CollectionCatalogue();
        foreach (var document in snapshot.Documents)
        {
            catalogue.Describe(document);
        }

        foreach (var segment in snapshot.Segments)
        {
            catalogue.AddSegment(segment);
        }

        return catalogue;
    }

    /// <summary>Where segment <paramref name="segmentId"/> sits, or false when it is not (or no longer) live.</summary>
    public bool TryGetSegment(long segmentId, out SegmentLocation location) => _segments.TryGetValue(segmentId, out location!);

    /// <summary>The terms of the text an OCR segment stands for, or false when the segment has none or is not live.</summary>
    public bool TryGetSegmentText(long segmentId, out LexicalDocument text) => _segmentTexts.TryGetValue(segmentId, out text!);

    /// <summary>The document <paramref name="documentId"/>, or false when it has no live segment.</summary>
    public bool TryGetDocument(long documentId, out CatalogueDocument document) => _documents.TryGetValue(documentId, out document!);

    /// <summary>
    /// Applies change-log entries read with <see cref="SegmentStore.ReadChangesWithDocumentsAsync"/>, in log order.
    /// Applying an entry whose effect the catalogue already holds changes nothing, so replaying from an earlier
    /// sequence than the snapshot's converges to the same state.
    /// </summary>
    /// <exception cref="ArgumentException">An insert lacks its location or document (read without documents).</exception>
    public void Apply(IReadOnlyList<SegmentChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            if (change.Kind == SegmentChangeKind.Delete)
            {
                RemoveSegment(change.SegmentId);
                continue;
            }

            if (change.Location is null || change.Document is null)
            {
                throw new ArgumentException($"Change {change.Sequence} inserts segment {change.SegmentId} without its location and document; read the log with ReadChangesWithDocumentsAsync.", nameof(changes));
            }

            Describe(change.Document);
            AddSegment(change.Location);
        }
    }

    /// <summary>Adds the document or, when its text or modality changed, replaces it (keeping its segment count).</summary>
    private void Describe(DocumentSummary summary)
    {
        var count = 0;
        if (_documents.TryGetValue(summary.Id, out var existing))
        {
            if (existing.Summary == summary)
            {
                return;
            }

            count = existing.SegmentCount;
            if (existing.Text is not null)
            {
                Lexical.Remove(existing.Text);
            }
        }

        var text = Lexical.Analyze(summary.Title, summary.Caption);
        if (text is not null)
        {
            Lexical.Add(text);
        }

        _documents[summary.Id] = new CatalogueDocument(summary, text, count);
    }

    private void AddSegment(SegmentLocation location)
    {
        if (_documents.TryGetValue(location.DocumentId, out var document) && _segments.TryAdd(location.SegmentId, location))
        {
            document.SegmentCount++;
            if (location.Text is { } text && Lexical.Analyze(null, text) is { } terms)
            {
                Lexical.Add(terms);
                _segmentTexts[location.SegmentId] = terms;
            }
        }
    }

    private void RemoveSegment(long segmentId)
    {
        if (!_segments.TryRemove(segmentId, out var location))
        {
            return;
        }

        if (_segmentTexts.TryRemove(segmentId, out var terms))
        {
            Lexical.Remove(terms);
        }

        if (!_documents.TryGetValue(location.DocumentId, out var document))
        {
            return;
        }

        if (--document.SegmentCount == 0)
        {
            _documents.TryRemove(location.DocumentId, out _);
            if (document.Text is not null)
            {
                Lexical.Remove(document.Text);
            }
        }
    }
}
