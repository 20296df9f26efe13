using System.Text.Json;
using SearchEngine.Core;

namespace SearchEngine.Storage.Documents;

/// <summary>A document to store with all of its segments; it replaces whatever the collection held under <see cref="Uri"/>.</summary>
/// <param name="Uri">Where the document came from (a file path or URL); unique within the collection.</param>
/// <param name="Modality">What kind of media it is.</param>
/// <param name="ContentSha256">SHA-256 of the file's bytes, 64 hex digits; decides skip / re-index next time.</param>
/// <param name="SizeBytes">File size.</param>
/// <param name="Segments">Its embedded pieces; each vector must have the collection's dimension and finite values.</param>
public sealed record DocumentWrite(string Uri, Modality Modality, string ContentSha256, long SizeBytes, IReadOnlyList<Segment> Segments)
{
    /// <summary>Pixel width of an image or video.</summary>
    public int? Width { get; init; }

    /// <summary>Pixel height of an image or video.</summary>
    public int? Height { get; init; }

    /// <summary>Length of audio or video, in seconds.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Title, searched by full text with the highest weight.</summary>
    public string? Title { get; init; }

    /// <summary>Caption or transcript, searched by full text.</summary>
    public string? Caption { get; init; }

    /// <summary>User metadata: a JSON object (filterable with <c>metadata.&lt;key&gt;</c>); null stores <c>{}</c>.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>The sniffed content as <c>modality/format</c> (<c>image/png</c>), which the query API serves the file as.</summary>
    public string? MediaType { get; init; }

    /// <summary>The file's final target (symlinks followed), an absolute path; the query API serves only that file.</summary>
    public string? FinalPath { get; init; }

    /// <summary>The file's modification time when it was hashed; the query API refuses to serve a file changed since.</summary>
    public DateTimeOffset? FileModifiedAt { get; init; }

    /// <summary>
    /// The audio fingerprint of the document's sound (SearchEngine.Fingerprints' stored form; opaque here), or null for
    /// none. It is written in the document's transaction, so an acknowledged document is matchable by its sound.
    /// </summary>
    public byte[]? Fingerprint { get; init; }

    /// <summary>How many landmarks <see cref="Fingerprint"/> holds (recorded beside it for sizing and statistics).</summary>
    public int FingerprintLandmarks { get; init; }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the document and the problem when it cannot be stored in a collection
    /// of <paramref name="dimension"/>-d vectors. Call it per document before batching so one bad file does not fail a batch.
    /// </summary>
    public void EnsureValid(int dimension)
    {
        if (string.IsNullOrWhiteSpace(Uri))
        {
            throw new ArgumentException("A document needs a non-empty uri.");
        }

        if (ContentSha256 is null || ContentSha256.Length != 64 || !ContentSha256.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"Document '{Uri}': content sha256 must be 64 hex digits, got '{ContentSha256}'.");
        }

        if (SizeBytes < 0 || Width <= 0 || Height <= 0 || DurationSeconds < 0 || (DurationSeconds is { } d && !double.IsFinite(d)))
        {
            throw new ArgumentException($"Document '{Uri}': size, width, height and duration must be positive (size {SizeBytes}, {Width}x{Height}, {DurationSeconds} s).");
        }

        if (Metadata is { } metadata && metadata.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Document '{Uri}': metadata must be a JSON object, got {metadata.ValueKind}.");
        }

        if (Fingerprint is { Length: 0 } || FingerprintLandmarks < 0)
        {
            throw new ArgumentException($"Document '{Uri}': a fingerprint must have bytes and a non-negative landmark count ({Fingerprint?.Length} bytes, {FingerprintLandmarks} landmarks); leave it null for none.");
        }

        for (var i = 0; i < Segments.Count; i++)
        {
            var segment = Segments[i];
            if (segment.Vector.Length != dimension)
            {
                throw new ArgumentException($"Document '{Uri}', segment {i} ({segment.Kind.ToName()}): vector has {segment.Vector.Length} values, the collection holds {dimension}-d vectors.");
            }

            if (!AllFinite(segment.Vector))
            {
                throw new ArgumentException($"Document '{Uri}', segment {i} ({segment.Kind.ToName()}): vector contains NaN or infinity.");
            }

            if (segment.Start is { } start && segment.End is { } end && end < start)
            {
                throw new ArgumentException($"Document '{Uri}', segment {i}: ends ({end} s) before it starts ({start} s).");
            }
        }
    }

    internal string NormalizedSha256 => ContentSha256.ToLowerInvariant();

    internal string MetadataJson => Metadata is { } metadata ? metadata.GetRawText() : "{}";

    private static bool AllFinite(float[] vector)
    {
        foreach (var value in vector)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
