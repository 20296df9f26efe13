using SearchEngine.Core;

namespace SearchEngine.Foundation.Tests;

internal static class Repository
{
    public static string Root { get; } = RepositoryRoot.Find() ?? throw new InvalidOperationException("Tests must run inside the repository.");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
