using SearchEngine.Core;

namespace SearchEngine.Embeddings.Packs;

/// <summary>Where model packs live and which one is used when a request names none (configuration section <c>ModelPacks</c>).</summary>
public sealed class ModelPackOptions
{
    /// <summary>The folder whose sub-folders are packs (each with a <c>pack.json</c>); null means <c>packs</c> in the cache folder.</summary>
    public string? PacksFolder { get; set; }

    /// <summary>The pack used when none is named: the offline pack, which runs without internet.</summary>
    public string DefaultPackId { get; set; } = "offline";

    /// <summary>The packs folder, resolved.</summary>
    public string ResolvePacksFolder() => string.IsNullOrWhiteSpace(PacksFolder) ? CacheDirectory.Folder("packs") : Path.GetFullPath(PacksFolder);
}
