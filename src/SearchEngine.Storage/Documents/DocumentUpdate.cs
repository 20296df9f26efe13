using System.Text.Json;

namespace SearchEngine.Storage.Documents;

/// <summary>
/// The fields an edit of a document changes (<see cref="DocumentStore.UpdateAsync"/>); a field whose <c>Changes…</c> flag
/// is false is left as it is. Title and caption feed full-text search, metadata the filters, and the caption vector
/// replaces the document's untimed <c>caption</c> segment (timed subtitle cues are the file's and stay).
/// </summary>
public sealed record DocumentUpdate
{
    /// <summary>Whether <see cref="Title"/> is written.</summary>
    public bool ChangesTitle { get; init; }

    /// <summary>The new title; null clears it.</summary>
    public string? Title { get; init; }

    /// <summary>Whether <see cref="Caption"/> (and the caption segment) is written.</summary>
    public bool ChangesCaption { get; init; }

    /// <summary>The new caption; null clears it.</summary>
    public string? Caption { get; init; }

    /// <summary>
    /// The new caption embedded by the collection's text tower: it becomes the document's untimed <c>caption</c> segment.
    /// Null with <see cref="ChangesCaption"/>: the old caption segment is removed and none replaces it (the caption was
    /// cleared, or the pack has no text tower).
    /// </summary>
    public float[]? CaptionVector { get; init; }

    /// <summary>Whether <see cref="Metadata"/> is written.</summary>
    public bool ChangesMetadata { get; init; }

    /// <summary>The new metadata, a JSON object; null clears it to <c>{}</c>.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Whether the edit changes anything.</summary>
    public bool ChangesAnything => ChangesTitle || ChangesCaption || ChangesMetadata;

    /// <summary>Throws <see cref="ArgumentException"/> when the edit cannot be stored in a collection of <paramref name="dimension"/>-d vectors.</summary>
    public void EnsureValid(int dimension)
    {
        if (Metadata is { } metadata && metadata.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"metadata must be a JSON object, got {metadata.ValueKind}.");
        }

        if (CaptionVector is { } vector)
        {
            if (!ChangesCaption || Caption is null)
            {
                throw new ArgumentException("A caption vector needs the caption it was embedded from.");
            }

            if (vector.Length != dimension || !Array.TrueForAll(vector, float.IsFinite))
            {
                throw new ArgumentException($"The caption vector must hold {dimension} finite values (the collection's dimension), got {vector.Length}.");
            }
        }
    }
}
