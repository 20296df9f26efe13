namespace SearchEngine.Core;

/// <summary>
/// Where derived artefacts that are too large or too slow to rebuild live (converted word vectors, cached backbone
/// features, trained model packs, benchmark datasets): outside the repository, in <c>$SEARCHENGINE_CACHE</c> or
/// <c>~/.cache/searchengine</c>.
/// </summary>
public static class CacheDirectory
{
    /// <summary>The environment variable that overrides the cache folder.</summary>
    public const string EnvironmentVariable = "SEARCHENGINE_CACHE";

    /// <summary>The cache root; created on first use.</summary>
    public static string Root
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            var root = string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "searchengine")
                : configured;
            Directory.CreateDirectory(root);
            return Path.GetFullPath(root);
        }
    }

    /// <summary>A sub-folder of the cache, created on first use.</summary>
    public static string Folder(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Takes the lock file at <paramref name="path"/>, waiting up to ten minutes for another process that holds it, so
    /// that processes sharing the cache build an artefact once; disposing the stream releases and deletes it.
    /// </summary>
    public static FileStream Lock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }
}
