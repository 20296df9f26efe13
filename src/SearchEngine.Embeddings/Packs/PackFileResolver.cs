using SearchEngine.Core;

namespace SearchEngine.Embeddings.Packs;

/// <summary>
/// Turns file references in <c>pack.json</c> into paths: <c>shared:models/...</c> through <see cref="SharedData"/>,
/// <c>cache:glove/...</c> inside <see cref="CacheDirectory"/>, anything else relative to the pack folder.
/// </summary>
public sealed class PackFileResolver
{
    /// <summary>Prefix of references into the shared models and datasets folder.</summary>
    public const string SharedPrefix = "shared:";

    /// <summary>Prefix of references into the cache folder.</summary>
    public const string CachePrefix = "cache:";

    private readonly SharedData _shared;

    /// <summary>Resolves references of the pack in <paramref name="packFolder"/>.</summary>
    public PackFileResolver(string packFolder, SharedData? shared = null)
    {
        PackFolder = Path.GetFullPath(packFolder);
        _shared = shared ?? SharedData.Default;
    }

    /// <summary>The pack folder.</summary>
    public string PackFolder { get; }

    /// <summary>The absolute path a reference points at, whether or not the file exists.</summary>
    public string PathOf(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (reference.StartsWith(SharedPrefix, StringComparison.Ordinal))
        {
            return _shared.PathOf(reference[SharedPrefix.Length..]);
        }

        if (reference.StartsWith(CachePrefix, StringComparison.Ordinal))
        {
            return Path.Combine(CacheDirectory.Root, reference[CachePrefix.Length..]);
        }

        if (Path.IsPathRooted(reference))
        {
            throw new PackLoadException($"File reference '{reference}' is absolute; use a path relative to the pack folder, or the '{SharedPrefix}' or '{CachePrefix}' prefix.");
        }

        return Path.GetFullPath(Path.Combine(PackFolder, reference));
    }

    /// <summary>The absolute path of an existing referenced file; a missing file is a <see cref="PackLoadException"/> naming it.</summary>
    public string Require(string reference, string usedBy)
    {
        var path = PathOf(reference);
        if (File.Exists(path))
        {
            return path;
        }

        var hint = reference.StartsWith(SharedPrefix, StringComparison.Ordinal)
            ? $" Shared files are read from '{_shared.Root}' (set {SharedData.EnvironmentVariable} to move it)."
            : reference.StartsWith(CachePrefix, StringComparison.Ordinal)
                ? $" Cache files are made by the project's setup step in '{CacheDirectory.Root}' (set {CacheDirectory.EnvironmentVariable} to move it)."
                : string.Empty;
        throw new PackLoadException($"Model pack '{PackFolder}': {usedBy} references '{reference}', but '{path}' does not exist.{hint}");
    }
}
