using System.Text.RegularExpressions;

namespace SearchEngine.Ingestion.Sources;

/// <summary>
/// The naming convention for sidecar files: <c>photo.jpg</c> is described by <c>photo.txt</c> (its caption) and
/// <c>photo.json</c> (title, caption, metadata), or by <c>photo.jpg.txt</c> / <c>photo.jpg.json</c>; <c>movie.mkv</c>
/// is subtitled by <c>movie.srt</c> / <c>movie.vtt</c> (or <c>movie.mkv.srt</c>, and in a folder also by
/// language-tagged names such as <c>movie.en.srt</c> or <c>movie.pt-BR.vtt</c>).
/// </summary>
public static partial class Sidecars
{
    private static readonly string[] AllExtensions = [".txt", ".json", ".srt", ".vtt"];
    private static readonly string[] SubtitleExtensions = [".srt", ".vtt"];

    /// <summary>Extensions a sidecar file has (compared without case).</summary>
    public static IReadOnlyList<string> Extensions => AllExtensions;

    /// <summary>Whether <paramref name="path"/> has a sidecar extension.</summary>
    public static bool HasSidecarExtension(string path) => Is(path, AllExtensions);

    /// <summary>Whether <paramref name="path"/> is named as a subtitle sidecar (<c>.srt</c>, <c>.vtt</c>), whose cues time the file it describes.</summary>
    public static bool IsSubtitle(string path) => Is(path, SubtitleExtensions);

    /// <summary>
    /// The names a sidecar of <paramref name="fileName"/> may have, e.g. <c>photo.txt</c>, <c>photo.jpg.txt</c>,
    /// <c>photo.json</c>, <c>photo.jpg.json</c>, <c>photo.srt</c>, … in the order they are read (the first subtitle
    /// sidecar found is the one whose cues are used).
    /// </summary>
    public static IEnumerable<string> CandidateNames(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        foreach (var extension in Extensions)
        {
            yield return stem + extension;
            if (stem != fileName)
            {
                yield return fileName + extension;
            }
        }
    }

    /// <summary>
    /// For a language-tagged subtitle name (<c>movie.en.srt</c>, <c>movie.eng.vtt</c>, <c>movie.pt-BR.srt</c>), the stem
    /// of the files it describes (<c>movie</c>); null for any other name.
    /// </summary>
    public static string? TaggedSubtitleStem(string fileName)
    {
        if (!IsSubtitle(fileName))
        {
            return null;
        }

        var withoutExtension = Path.GetFileNameWithoutExtension(fileName);
        var tag = Path.GetExtension(withoutExtension);
        return tag.Length > 1 && LanguageTag().IsMatch(tag.AsSpan(1)) && withoutExtension.Length > tag.Length
            ? withoutExtension[..^tag.Length]
            : null;
    }

    /// <summary>
    /// The sidecars of <paramref name="path"/> that exist on disk (two stat calls per candidate name at most).
    /// Language-tagged subtitle names are not looked for here: that would list the folder once per file.
    /// </summary>
    public static IReadOnlyList<string> FindOnDisk(string path)
    {
        if (HasSidecarExtension(path))
        {
            return [];
        }

        var folder = Path.GetDirectoryName(path) ?? ".";
        List<string>? found = null;
        foreach (var name in CandidateNames(Path.GetFileName(path)))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                (found ??= []).Add(candidate);
            }
        }

        return found ?? (IReadOnlyList<string>)[];
    }

    private static bool Is(string path, ReadOnlySpan<string> extensions)
    {
        var extension = Path.GetExtension(path);
        foreach (var candidate in extensions)
        {
            if (string.Equals(extension, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // BCP 47 in the shapes subtitle files use: a two- or three-letter language, optionally a region or script.
    [GeneratedRegex("^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,4})?$")]
    private static partial Regex LanguageTag();
}
