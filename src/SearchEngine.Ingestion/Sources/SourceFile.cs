using System.Text.Json;

namespace SearchEngine.Ingestion.Sources;

/// <summary>
/// One file to index, as a folder walk or a manifest names it, with the caption, title and metadata that a manifest
/// row attaches to it and the sidecar files found beside it (read later, in parallel, by <see cref="SidecarReader"/>).
/// </summary>
/// <param name="Path">Absolute path of the file; also the document's uri in its collection.</param>
/// <param name="Caption">A caption to embed with the text tower as a <c>caption</c> segment; null when none.</param>
/// <param name="Title">A title, stored for full-text search; null when none.</param>
/// <param name="Metadata">User metadata (a JSON object); null when none.</param>
public sealed record SourceFile(string Path, string? Caption = null, string? Title = null, JsonElement? Metadata = null)
{
    /// <summary>Sidecar files (<c>photo.txt</c>, <c>photo.json</c>, <c>movie.srt</c>) that describe this file.</summary>
    public IReadOnlyList<string> Sidecars { get; init; } = [];

    /// <summary>
    /// Timed lines from a subtitle sidecar (<c>movie.srt</c>, <c>movie.en.vtt</c>), in the file's time; empty when it
    /// has none. For a video they replace the cues of its embedded subtitle track (<see cref="SidecarReader"/>).
    /// </summary>
    public IReadOnlyList<Media.Text.TextCue> Cues { get; init; } = [];

    /// <summary>
    /// Why this entry cannot be indexed before its file is even opened (a manifest row without a path); null for a
    /// usable entry. The job records it as a per-file error and goes on.
    /// </summary>
    public string? Problem { get; init; }

    /// <summary>The stage its <see cref="Problem"/> is recorded under (<c>manifest</c> for a bad row, <c>read</c> for a file that may not be read).</summary>
    public string ProblemStage { get; init; } = Pipeline.FailureStage.Manifest;

    /// <summary>
    /// Where <see cref="Path"/> really leads (every symlink followed), checked to be a regular file inside the media
    /// roots; stored with the document so the query API serves that file only while the path still leads to it.
    /// </summary>
    public string? FinalTarget { get; init; }
}
