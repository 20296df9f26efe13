using Microsoft.Extensions.Options;
using SearchEngine.Storage.Housekeeping;

namespace SearchEngine.Collections;

/// <summary>
/// Deletes thumbnails no document refers to (by content sha256) any more: a deleted or changed document leaves its old
/// thumbnail behind. Only files older than <see cref="HousekeepingOptions.ThumbnailGrace"/> go, because the indexer
/// writes a thumbnail before its document commits. Stray temporary files older than the grace go too.
/// </summary>
public sealed class ThumbnailCollector(ThumbnailStore thumbnails, ContentReferences references, IOptions<HousekeepingOptions> options)
{
    /// <summary>Deletes the unreferenced thumbnails; returns how many files it deleted.</summary>
    public async Task<int> CollectAsync(CancellationToken cancellationToken = default)
    {
        // Listed before the references are read: a thumbnail written after the listing is not considered at all.
        var cutoff = DateTime.UtcNow - options.Value.ThumbnailGrace;
        var candidates = Directory.EnumerateFiles(thumbnails.Folder, "*", SearchOption.AllDirectories)
            .Where(f => File.GetLastWriteTimeUtc(f) < cutoff)
            .ToList();
        var referenced = await references.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        foreach (var file in candidates)
        {
            var name = Path.GetFileName(file);
            var isThumbnail = name.Length == 68 && name.EndsWith(".jpg", StringComparison.Ordinal);
            if (isThumbnail && referenced.Contains(name[..64]))
            {
                continue;
            }

            try
            {
                File.Delete(file);
                deleted++;
            }
            catch (IOException)
            {
                // Being replaced or read right now; the next collection takes it.
            }
        }

        return deleted;
    }
}
