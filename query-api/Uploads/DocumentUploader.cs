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
/// brings that copy up to date, so what is acknowledged is searchable at once.
/// </summary>
internal sealed class DocumentUploader(
    IndexingJob job, UploadStore store, DocumentStore documents, ModelPackRegistry packs, CollectionServing serving)
{
    public async Task<UploadResponse> UploadAsync(CollectionInfo collection, UploadBatch batch, CancellationToken cancellationToken)
    {
        var pack = packs.Get(collection.PackId);
        pack.EnsureMatches(collection);

        var paths = batch.Items.Select(item => store.Keep(item.File, collection.Id)).ToArray();
        var distinct = paths.Distinct(StringComparer.Ordinal).ToArray();
        var before = await documents.FindIndexedAsync(collection.Id, distinct, cancellationToken);

        // One source per distinct path: the same content twice in one request is one document (the first description wins).
        var sources = batch.Items.Select((item, i) => new SourceFile(paths[i], item.Caption, item.Title, item.Metadata))
            .DistinctBy(s => s.Path, StringComparer.Ordinal).ToList();
        var request = new IndexingRequest(collection.Name, []) { Files = sources, Exclusive = false, UpdateIndexFile = false };
        var summary = await job.RunAsync(request, pack, new IndexingProgress(), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        var after = await documents.FindIndexedAsync(collection.Id, distinct, cancellationToken);
        var failures = summary.Failures.GroupBy(f => f.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var sequence = await serving.CatchUpAsync(collection.Name, cancellationToken);

        foreach (var (path, failure) in failures)
        {
            if (failure.Stage == FailureStage.Decode && !after.ContainsKey(path))
            {
                UploadStore.Discard(path);
            }
        }

        var results = new UploadedDocument[paths.Length];
        for (var i = 0; i < paths.Length; i++)
        {
            var item = batch.Items[i];
            results[i] = before.TryGetValue(paths[i], out var existing) ? new UploadedDocument(i, item.FileName, UploadedDocument.Exists, existing, null)
                : after.TryGetValue(paths[i], out var created) ? new UploadedDocument(i, item.FileName, UploadedDocument.Created, created, null)
                : new UploadedDocument(i, item.FileName, UploadedDocument.Failed, null, Error(failures.GetValueOrDefault(paths[i]), paths[i], item.FileName));
        }

        return new UploadResponse(results, sequence);
    }

    /// <summary>The failure as the client sees it: the store's path is replaced by the client's file name.</summary>
    private static UploadError Error(FileFailure? failure, string path, string? fileName) => failure is null
        ? new UploadError(FailureStage.Store, "The document was not stored.")
        : new UploadError(failure.Stage, failure.Reason.Replace(path, fileName ?? "the document", StringComparison.Ordinal));
}
