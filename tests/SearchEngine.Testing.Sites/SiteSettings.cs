namespace SearchEngine.Testing.Sites;

/// <summary>The configuration a test site's indexer and query API share: its database, its state folder and the default pack.</summary>
public static class SiteSettings
{
    /// <summary>Settings for a site on <paramref name="connectionString"/> with its index and thumbnails under <paramref name="stateFolder"/>.</summary>
    public static Dictionary<string, string?> Of(string connectionString, string stateFolder) => new()
    {
        ["ConnectionStrings:Search"] = connectionString,
        ["Search:IndexFolder"] = Path.Combine(stateFolder, "index"),
        ["Search:ThumbnailFolder"] = Path.Combine(stateFolder, "thumbnails"),
        ["ModelPacks:PacksFolder"] = DefaultPack.PacksFolder,
        ["ModelPacks:DefaultPackId"] = DefaultPack.Id,
    };
}
