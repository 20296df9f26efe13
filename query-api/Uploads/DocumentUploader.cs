using SearchEngine.Core;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Ingestion.Sources;
using SearchEngine.Serving;
using SearchEngine.Storage.Documents;

namespace SearchEngine.QueryApi.Uploads;

/// <summary>
/// Indexes an upload through the same pipeline as the indexer (<see cref="IndexingJob"/>: skip check, decode, embed,
/// write, with the collection's pack), as a non-exclusive job that leaves the index to this process's serving copy; then
/// brings that copy up to date, so what is acknowledged is searchable at once. Content the collection already holds,
/// from an upload or a folder, is not stored again: its document is answered as <c>exists</c>.
/// </summary>
internal sealed class DocumentUploader(
    IndexingJob job, UploadStore store, DocumentStore documents, ModelPackRegistry packs, CollectionServing serving)
{
    public async Task<UploadResponse> UploadAsync(CollectionInfo collection, UploadBatch batch, CancellationToken cancellationToken)
    {
        var pack = packs.Get(collection.PackId);
        pack.EnsureMatches(collection);

        var contents = batch.Items.Select(item => item.File.Sha256).Distinct(StringComparer.Ordinal).ToArray();
        var before = await documents.FindIndexedByContentAsync(collection.Id, contents, cancellationToken);

        // New content only is kept and indexed, once (the same content twice in a request: the first description wins).
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        var sources = new List<SourceFile>();
        foreach (var item in batch.Items)
        {
            if (!before.ContainsKey(item.File.Sha256) && !kept.ContainsKey(item.File.Sha256))
            {
                var path = store.Keep(item.File, collection.Id);
                kept[item.File.Sha256] = path;
                sources.Add(new SourceFile(path, item.Caption, item.Title, item.Metadata));
            }
        }

        IReadOnlyDictionary<string, long> after = new Dictionary<string, long>();
        var failures = new Dictionary<string, FileFailure>(StringComparer.Ordinal);
        if (sources.Count > 0)
        {
            var request = new IndexingRequest(collection.Name, []) { Files = sources, Exclusive = false, UpdateIndexFile = false };
            var summary = await job.RunAsync(request, pack, new IndexingProgress(), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            after = await documents.FindIndexedByContentAsync(collection.Id, kept.Keys, cancellationToken);
            foreach (var failure in summary.Failures)
            {
                failures.TryAdd(failure.Path, failure);
            }

            foreach (var (sha, path) in kept)
            {
                if (!after.ContainsKey(sha) && failures.GetValueOrDefault(path)?.Stage == FailureStage.Decode)
                {
                    UploadStore.Discard(path);
                }
            }
        }

        var sequence = await serving.CatchUpAsync(collection.Name, cancellationToken);
        var results = new UploadedDocument[batch.Items.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var item = batch.Items[i];
            var sha = item.File.Sha256;
            results[i] = before.TryGetValue(sha, out var existing) ? new UploadedDocument(i, item.FileName, UploadedDocument.Exists, existing, null)
                : after.TryGetValue(sha, out var created) ? new UploadedDocument(i, item.FileName, UploadedDocument.Created, created, null)
                : new UploadedDocument(i, item.FileName, UploadedDocument.Failed, null, Error(failures.GetValueOrDefault(kept[sha]), kept[sha], item.FileName));
        }

        return new UploadResponse(results, sequence);
    }

    /// <summary>The failure as the client sees it: the store's path is replaced by the client's file name.</summary>
    private static UploadError Error(FileFailure? failure, string path, string? fileName) => failure is null
        ? new UploadError(FailureStage.Store, "The document was not stored.")
        : new UploadError(failure.Stage, failure.Reason.Replace(path, fileName ?? "the document", StringComparison.Ordinal));
}
