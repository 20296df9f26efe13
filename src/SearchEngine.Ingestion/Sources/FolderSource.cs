using System.Runtime.CompilerServices;

namespace SearchEngine.Ingestion.Sources;

/// <summary>
/// Walks folders recursively and yields every file to index. Files are not filtered by extension: the decoder
/// recognises content by its bytes, and a file nothing can read becomes a per-file error. Hidden files and folders
/// (a leading '.') are passed over, and sidecar files are attached to the file they describe instead of being indexed.
/// Folders are read one at a time, so memory holds one folder's listing, not the tree's. Every file is checked against
/// the media roots (by default the folder walked) before anything opens it: a pipe, device or socket, or a symlink whose
/// final target is outside the roots, is yielded with its problem instead; symlinked folders are never entered.
/// </summary>
public static class FolderSource
{
    /// <summary>Files under <paramref name="root"/> in a stable order (ordinal by path within each folder).</summary>
    /// <exception cref="SourceException">The folder does not exist.</exception>
    public static IAsyncEnumerable<SourceFile> EnumerateAsync(string root, CancellationToken cancellationToken = default) =>
        EnumerateAsync(root, null, cancellationToken);

    /// <summary>
    /// Files under <paramref name="root"/> as <see cref="EnumerateAsync(string, CancellationToken)"/> gives them, each
    /// checked against <paramref name="roots"/> (null or empty: <paramref name="root"/> itself is the only root).
    /// </summary>
    /// <exception cref="SourceException">The folder does not exist.</exception>
    public static async IAsyncEnumerable<SourceFile> EnumerateAsync(string root, Media.Files.MediaRoots? roots, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new SourceException(File.Exists(full)
                ? $"'{root}' is a file, not a folder; pass folders as paths, or a list of files with --manifest."
                : $"The folder '{root}' does not exist.");
        }

        var allowed = SourceRoots.For(roots, full);

        var pending = new Stack<string>();
        pending.Push(full);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            var (files, subfolders) = List(folder);
            foreach (var file in Describe(files))
            {
                yield return SourceRoots.Check(allowed, file);
            }

            // Pushed in reverse so that folders are visited in ordinal order.
            for (var i = subfolders.Count - 1; i >= 0; i--)
            {
                pending.Push(subfolders[i]);
            }

            await Task.Yield();
        }
    }

    private static (List<string> Files, List<string> Folders) List(string folder)
    {
        var files = new List<string>();
        var folders = new List<string>();
        try
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (entry.Name.StartsWith('.'))
                {
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    // Symbolic links to folders are not followed: they can form cycles.
                    if (entry.LinkTarget is null)
                    {
                        folders.Add(entry.FullName);
                    }
                }
                else
                {
                    files.Add(entry.FullName);
                }
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // An unreadable sub-folder is skipped rather than ending the job; its files simply are not seen.
            return (files, folders);
        }

        files.Sort(StringComparer.Ordinal);
        folders.Sort(StringComparer.Ordinal);
        return (files, folders);
    }

    /// <summary>Pairs media files with their sidecars; sidecars that describe a sibling are not yielded themselves.</summary>
    private static IEnumerable<SourceFile> Describe(List<string> files)
    {
        var names = new HashSet<string>(files.Count, StringComparer.Ordinal);
        foreach (var file in files)
        {
            names.Add(Path.GetFileName(file));
        }

        var sidecars = new HashSet<string>(StringComparer.Ordinal);
        var described = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var byStem = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (Sidecars.HasSidecarExtension(file))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(file)!;
            foreach (var candidate in Sidecars.CandidateNames(Path.GetFileName(file)))
            {
                if (names.Contains(candidate))
                {
                    Attach(file, Path.Combine(folder, candidate));
                }
            }

            var stem = Path.GetFileNameWithoutExtension(file);
            if (!byStem.TryGetValue(stem, out var sameStem))
            {
                byStem[stem] = sameStem = [];
            }

            sameStem.Add(file);
        }

        // movie.en.srt, movie.fr.srt: after the untagged names, in ordinal order (the files are sorted).
        foreach (var file in files)
        {
            if (Sidecars.TaggedSubtitleStem(Path.GetFileName(file)) is { } stem && byStem.TryGetValue(stem, out var subtitled))
            {
                foreach (var media in subtitled)
                {
                    Attach(media, file);
                }
            }
        }

        foreach (var file in files)
        {
            if (sidecars.Contains(file))
            {
                continue;
            }

            yield return described.TryGetValue(file, out var list) ? new SourceFile(file) { Sidecars = list } : new SourceFile(file);
        }

        void Attach(string file, string sidecar)
        {
            sidecars.Add(sidecar);
            if (!described.TryGetValue(file, out var list))
            {
                described[file] = list = [];
            }

            if (!list.Contains(sidecar, StringComparer.Ordinal))
            {
                list.Add(sidecar);
            }
        }
    }
}
