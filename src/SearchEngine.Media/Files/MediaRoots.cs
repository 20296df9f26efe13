namespace SearchEngine.Media.Files;

/// <summary>Why a path may not be indexed or served.</summary>
public enum MediaPathProblem
{
    /// <summary>The path, or a link on its way, leads nowhere.</summary>
    Missing,

    /// <summary>Its final target is a pipe, device, socket or folder, not a regular file.</summary>
    NotRegularFile,

    /// <summary>Its final target lies outside every media root.</summary>
    OutsideRoots,
}

/// <summary>A path checked against the media roots: its final target and that target's facts, or why it was refused.</summary>
/// <param name="Path">The path as given.</param>
/// <param name="FinalTarget">Where it really leads (symlinks followed to the end); null when it leads nowhere.</param>
/// <param name="Facts">The final target's kind, size and modification time.</param>
/// <param name="Problem">Why it is refused; null when it is a regular file inside the roots.</param>
public sealed record MediaPathCheck(string Path, string? FinalTarget, FileFacts Facts, MediaPathProblem? Problem)
{
    /// <summary>Whether the path may be read.</summary>
    public bool IsAllowed => Problem is null;

    /// <summary>
    /// The refusal in words for the operator who indexes (it names the target, which is theirs to see); never sent to
    /// a web client, whose messages must not reveal the server's files.
    /// </summary>
    public string Describe() => Problem switch
    {
        MediaPathProblem.Missing => $"the file does not exist, or a link on its way leads nowhere ({Path})",
        MediaPathProblem.NotRegularFile => $"{FileFacts.Describe(Facts.Kind)}, not a regular file: only regular files are indexed",
        MediaPathProblem.OutsideRoots => $"it leads to {FinalTarget}, outside the media roots (Media:Roots, or the folder or manifest folder being indexed)",
        _ => "allowed",
    };
}

/// <summary>
/// The folders media may come from (<see cref="MediaOptions.Roots"/>). A path is allowed when its final target, every
/// symlink followed and every <c>..</c> applied, is a regular file inside one of them: a link placed in an indexed
/// folder, or a file swapped for a link after indexing, cannot reach the rest of the disk.
/// </summary>
public sealed class MediaRoots
{
    private readonly string[] _roots;

    /// <summary>Roots as configured; each is itself resolved to its final target (a root may be reached through a link).</summary>
    public MediaRoots(IEnumerable<string> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = [.. roots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => FileFacts.FinalTarget(r) ?? Path.GetFullPath(r)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Whether no root is configured (callers then use the folder they index as the root).</summary>
    public bool IsEmpty => _roots.Length == 0;

    /// <summary>The resolved roots.</summary>
    public IReadOnlyList<string> Folders => _roots;

    /// <summary>These roots, or <paramref name="fallback"/> alone when none is configured.</summary>
    public MediaRoots OrElse(string fallback) => IsEmpty ? new MediaRoots([fallback]) : this;

    /// <summary>Resolves <paramref name="path"/> and says whether it may be read. Opens nothing.</summary>
    public MediaPathCheck Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var target = FileFacts.FinalTarget(path);
        if (target is null)
        {
            return new MediaPathCheck(path, null, new FileFacts(FileKind.Missing, 0, default), MediaPathProblem.Missing);
        }

        var facts = FileFacts.Of(target);
        if (facts.Kind != FileKind.Regular)
        {
            return new MediaPathCheck(path, target, facts, facts.Kind == FileKind.Missing ? MediaPathProblem.Missing : MediaPathProblem.NotRegularFile);
        }

        return new MediaPathCheck(path, target, facts, Contains(target) ? null : MediaPathProblem.OutsideRoots);
    }

    /// <summary>Whether the resolved path <paramref name="target"/> lies inside a root.</summary>
    public bool Contains(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var root in _roots)
        {
            if (target == root || target.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
