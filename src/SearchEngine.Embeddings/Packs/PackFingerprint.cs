using System.Security.Cryptography;
using System.Text;

namespace SearchEngine.Embeddings.Packs;

/// <summary>
/// The identity of a pack's vector space: SHA-256 over <c>pack.json</c> and the bytes of every file it references
/// (each preceded by its reference), in manifest order. Any change to a model, a head, a tokenizer file or the
/// manifest gives another fingerprint, so a collection never mixes vectors of two spaces.
/// </summary>
public static class PackFingerprint
{
    /// <summary>Computes the fingerprint (64 lower-case hex digits) of the pack in <paramref name="files"/>' folder.</summary>
    public static string Compute(PackManifest manifest, PackFileResolver files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(Path.Combine(files.PackFolder, PackManifest.FileName)));
        var buffer = new byte[1 << 20];
        foreach (var (reference, usedBy) in PackManifestFile.FileReferences(manifest))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(reference + "\n"));
            using var stream = File.OpenRead(files.Require(reference, usedBy));
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
