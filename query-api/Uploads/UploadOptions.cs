using SearchEngine.Collections;

namespace SearchEngine.QueryApi.Uploads;

/// <summary>Where uploaded documents are kept and how much one request may bring (configuration section <c>Uploads</c>).</summary>
public sealed class UploadOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Uploads";

    /// <summary>
    /// The upload store: files are kept content-addressed under it (<c>{collection id}/{sha[0..2]}/{sha}{ext}</c>) and
    /// served from it like any media root. Default: a folder <c>uploads</c> beside the index folder.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>Files one request may carry (default 64); more get 413.</summary>
    public int MaxFilesPerRequest { get; set; } = 64;

    /// <summary>
    /// Bytes one request's files may add up to (default 256 MiB); more get 413. Each file is also held to
    /// <c>QueryApi:MaxUploadBytes</c>.
    /// </summary>
    public long MaxRequestBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Largest JSON body of text documents, and largest <c>documents</c> form field, in bytes (default 16 MiB, the
    /// largest text document the decoder takes, <c>Media:MaxTextBytes</c>).
    /// </summary>
    public long MaxJsonBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The store's folder, defaulted beside the index folder of <paramref name="index"/>.</summary>
    public string ResolveRoot(CollectionIndexOptions index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return string.IsNullOrWhiteSpace(Root)
            ? Path.Combine(Path.GetDirectoryName(index.ResolveIndexFolder().TrimEnd(Path.DirectorySeparatorChar))!, "uploads")
            : Path.GetFullPath(Root);
    }
}
