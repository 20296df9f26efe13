using Microsoft.Extensions.Configuration;
using SearchEngine.Embeddings.Packs;

namespace SearchEngine.Indexer;

/// <summary>
/// Finds the model pack a command names: a folder holding <c>pack.json</c>, or the id of a pack installed in the packs
/// folder. With none named, <c>Search:DefaultPack</c> (a folder or an id), then the registry's default id.
/// </summary>
internal sealed class PackResolver(ModelPackLoader loader, ModelPackRegistry registry, IConfiguration configuration)
{
    public const string DefaultPackKey = "Search:DefaultPack";

    public ModelPack Load(string? pathOrId)
    {
        var named = string.IsNullOrWhiteSpace(pathOrId) ? configuration[DefaultPackKey] : pathOrId;
        if (string.IsNullOrWhiteSpace(named))
        {
            return registry.Get();
        }

        return IsPackFolder(named) ? loader.Load(named) : registry.Get(named);
    }

    /// <summary>
    /// The folder of the pack <paramref name="pathOrId"/> names (a folder, or an installed pack's id), or of the default
    /// pack when it names none, without loading it; a clear error when there is no such pack.
    /// </summary>
    public string FolderOf(string? pathOrId)
    {
        if (string.IsNullOrWhiteSpace(pathOrId))
        {
            return FindDefaultFolder() ?? throw new IndexerException(
                "The default model pack is not built yet; make it with: searchengine-indexer pack ensure-default");
        }

        if (IsPackFolder(pathOrId))
        {
            return Path.GetFullPath(pathOrId);
        }

        var installed = registry.Installed();
        return installed.TryGetValue(pathOrId, out var pack) ? pack.Folder : throw new IndexerException(
            $"'{pathOrId}' is neither a pack folder (with {PackManifest.FileName}) nor an installed pack; installed: {(installed.Count == 0 ? "none" : string.Join(", ", installed.Keys))}.");
    }

    /// <summary>Whether the configuration names the default pack (Search:DefaultPack) rather than leaving it to the trained offline pack.</summary>
    public bool HasConfiguredDefault => !string.IsNullOrWhiteSpace(configuration[DefaultPackKey]);

    /// <summary>The folder of the default pack, or null when it is not built.</summary>
    public string? FindDefaultFolder()
    {
        var configured = configuration[DefaultPackKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (IsPackFolder(configured))
            {
                return Path.GetFullPath(configured);
            }

            return registry.Installed().TryGetValue(configured, out var named) ? named.Folder : null;
        }

        return registry.Installed().TryGetValue(registry.DefaultPackId, out var installed) ? installed.Folder : null;
    }

    private static bool IsPackFolder(string value) => File.Exists(Path.Combine(value, PackManifest.FileName));
}
