namespace SearchEngine.Core;

/// <summary>Finds the repository root (the folder holding <c>SearchEngine.sln</c>) from the working or program folder.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository root, or null when the program runs outside a checkout (an installed build).</summary>
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SearchEngine.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
