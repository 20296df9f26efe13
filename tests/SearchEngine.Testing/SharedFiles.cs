using SearchEngine.Core;

namespace SearchEngine.Testing;

/// <summary>Paths of files in the shared folder (models and datasets beside the repository) used by tests.</summary>
public static class SharedFiles
{
    /// <summary>The shared folder as the product resolves it.</summary>
    public static SharedData Shared => SharedData.Default;

    /// <summary>Absolute path of a shared file; fails with the product's clear message when it is missing.</summary>
    public static string Require(string relativePath) => Shared.Require(relativePath);
}
