using System.Diagnostics;
using System.Threading.Channels;
using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>
/// Stores documents a batch at a time: thumbnails first (content-addressed, so saving one early is harmless), then
/// documents and segments in one transaction (segments by binary COPY). The commit is the acknowledgement: from then
/// on the document survives any crash. Each commit wakes the index stage, which replays it from the change log.
/// </summary>
internal sealed class WriteStage(PipelineContext context, CollectionInfo collection, DocumentStore documents, ThumbnailStore thumbnails)
{
    public async Task RunAsync(ChannelReader<EmbeddedDocument> input, ChannelWriter<bool> committed, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await input.ReadBatchAsync(context.Options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return;
            }

            var started = Stopwatch.GetTimestamp();
            foreach (var document in batch)
            {
                if (document.Thumbnail is { } jpeg)
                {
                    await thumbnails.SaveAsync(document.Write.ContentSha256, jpeg, cancellationToken).ConfigureAwait(false);
                }
            }

            context.Progress.AddStageTime("thumbnails", started);
            started = Stopwatch.GetTimestamp();
            var writes = batch.Select(d => d.Write).ToList();
            // Not cancellable once started: a write either commits whole or not at all, and stopping between the
            // commit and the progress update would only under-count.
            await documents.WriteAsync(collection, writes, CancellationToken.None).ConfigureAwait(false);
            context.Progress.AddStageTime("store", started);
            context.Progress.AddIndexed(writes.Count, writes.Sum(w => (long)w.Segments.Count));
            committed.TryWrite(true);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
