namespace SearchEngine.Ingestion.Sources;

/// <summary>
/// The naming convention for sidecar files: <c>photo.jpg</c> is described by <c>photo.txt</c> (its caption) and
/// <c>photo.json</c> (title, caption, metadata), or by <c>photo.jpg.txt</c> / <c>photo.jpg.json</c>.
/// </summary>
public static class Sidecars
{
    /// <summary>Extensions a sidecar file has (compared without case).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".txt", ".json"];

    /// <summary>Whether <paramref name="path"/> has a sidecar extension.</summary>
    public static bool HasSidecarExtension(string path)
    {
        var extension = Path.GetExtension(path);
        foreach (var candidate in Extensions)
        {
            if (string.Equals(extension, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The names a sidecar of <paramref name="fileName"/> may have, e.g. <c>photo.txt</c>, <c>photo.jpg.txt</c>,
    /// <c>photo.json</c>, <c>photo.jpg.json</c>.
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

    /// <summary>The sidecars of <paramref name="path"/> that exist on disk (two stat calls per candidate name at most).</summary>
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
}
