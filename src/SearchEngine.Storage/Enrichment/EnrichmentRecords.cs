using System.Text.Json;
using SearchEngine.Core;

namespace SearchEngine.Storage.Enrichment;

/// <summary>A document an enrichment pass has still to read: what it is and where its file is.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Uri">Its file.</param>
/// <param name="Modality">Image or video.</param>
/// <param name="ContentSha256">The content the pass reads (its result is recorded against it).</param>
public sealed record PendingDocument(long DocumentId, string Uri, Modality Modality, string ContentSha256);

/// <summary>What a pass found in one document.</summary>
public enum EnrichmentOutcome
{
    /// <summary>Text was read; the document got text segments.</summary>
    Text,

    /// <summary>No text: the presence check found none, or nothing was read with confidence.</summary>
    NoText,

    /// <summary>The document could not be read (file gone, undecodable, the OCR engine failed or timed out).</summary>
    Failed,
}

/// <summary>One text segment of a document: the text of a picture (or of a video frame at <paramref name="Time"/>).</summary>
/// <param name="Text">The words, lines joined by line breaks.</param>
/// <param name="Time">A video frame's time in seconds; null for a picture.</param>
/// <param name="Metadata">The words with their boxes and confidences, and the picture's size (a JSON object).</param>
/// <param name="Vector">The text's embedding by the collection's text tower.</param>
public sealed record TextSegment(string Text, double? Time, JsonElement Metadata, float[] Vector);

/// <summary>The result of a pass over one document.</summary>
/// <param name="Document">The document read.</param>
/// <param name="Outcome">What was found.</param>
/// <param name="Segments">The text segments (only for <see cref="EnrichmentOutcome.Text"/>).</param>
/// <param name="Detail">Why it failed, for <see cref="EnrichmentOutcome.Failed"/>.</param>
public sealed record EnrichmentResult(PendingDocument Document, EnrichmentOutcome Outcome, IReadOnlyList<TextSegment> Segments, string? Detail = null);

/// <summary>How far a pass is over a collection.</summary>
/// <param name="Eligible">Documents the pass reads (pictures and videos).</param>
/// <param name="Done">Of those, the ones finished for their current content.</param>
/// <param name="WithText">Finished with text found.</param>
/// <param name="Failed">Finished with an error.</param>
public sealed record EnrichmentProgress(long Eligible, long Done, long WithText, long Failed)
{
    /// <summary>Documents still to read.</summary>
    public long ToDo => Math.Max(0, Eligible - Done);
}

/// <summary>A stored text segment as the result page shows it.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="Text">Its text.</param>
/// <param name="Time">A video frame's time in seconds; null for a picture.</param>
/// <param name="Metadata">Word boxes and the picture's size, as stored.</param>
public sealed record StoredText(long SegmentId, string Text, double? Time, JsonElement? Metadata);
