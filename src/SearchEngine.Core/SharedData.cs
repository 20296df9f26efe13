namespace SearchEngine.Core;

/// <summary>
/// The folder of model files and datasets that lives beside the repository (<c>../shared</c>), never inside it.
/// It is found through one configuration value: the <see cref="EnvironmentVariable"/> environment variable, or,
/// when unset, the <c>shared</c> folder beside the repository root.
/// </summary>
public sealed class SharedData
{
    /// <summary>The environment variable that points at the shared folder.</summary>
    public const string EnvironmentVariable = "SEARCHENGINE_SHARED";

    /// <summary>Uses <paramref name="root"/> as the shared folder.</summary>
    public SharedData(string root) => Root = Path.GetFullPath(root);

    /// <summary>Absolute path of the shared folder.</summary>
    public string Root { get; }

    /// <summary>The shared folder as configured for this process (see the class remarks).</summary>
    public static SharedData Default { get; } = new(Locate());

    /// <summary>
    /// The absolute path of <paramref name="relativePath"/> inside the shared folder; throws
    /// <see cref="FileNotFoundException"/> naming the file and the way to point at another folder when it is absent.
    /// </summary>
    public string Require(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        if (File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }

        throw new FileNotFoundException(
            $"Shared file '{relativePath}' was not found at '{path}'. Model files and datasets are read from the shared folder " +
            $"'{Root}'; set {EnvironmentVariable} to the folder that holds them (see its README.md).", path);
    }

    /// <summary>The absolute path of <paramref name="relativePath"/> inside the shared folder, whether or not it exists.</summary>
    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var repositoryRoot = RepositoryRoot.Find();
        return repositoryRoot is null
            ? Path.GetFullPath("../shared")
            : Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared"));
    }
}
