using SearchEngine.Embeddings.Packs;

namespace SearchEngine.Embeddings.Pull;

/// <summary>Where a pack's files come from and the manifest written beside them once they are in.</summary>
/// <param name="Id">The pack id (the folder name under the packs folder).</param>
/// <param name="Aliases">Other names <c>models pull</c> accepts (e.g. the upstream model's hub id).</param>
/// <param name="BaseUri">The public folder the file paths are relative to.</param>
/// <param name="Files">The files to download.</param>
/// <param name="Manifest">Builds the <c>pack.json</c> that refers to the downloaded files.</param>
public sealed record PackSource(string Id, IReadOnlyList<string> Aliases, Uri BaseUri, IReadOnlyList<PackSourceFile> Files, Func<PackManifest> Manifest);

/// <summary>One file of a <see cref="PackSource"/>.</summary>
/// <param name="Path">Path relative to the source's base URI, and to the pack folder.</param>
/// <param name="Sha256">
/// The expected SHA-256 (lower-case hex) when published; null when not known in advance, in which case the hash of the
/// first complete download is pinned in the pack folder (<see cref="PinnedHashes"/>) and later downloads must match it.
/// </param>
public sealed record PackSourceFile(string Path, string? Sha256 = null);
