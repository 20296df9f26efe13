using System.Reflection;

namespace SearchEngine.Web.Tests.Site;

/// <summary>Folders of the repository the tests were built from (recorded at build time, not guessed at run time).</summary>
public static class RepositoryFolders
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = typeof(RepositoryFolders).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SearchEngineRoot").Value
        ?? throw new InvalidOperationException("The build did not record SearchEngineRoot.");

    /// <summary>The search page's static assets.</summary>
    public static string Web => Path.Combine(Root, "web");
}
