using System.Diagnostics;
using System.Threading.Channels;
using SearchEngine.Collections;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>
/// Keeps the collection's index up to date behind the writer: after each commit it replays the change log into the
/// index (so the index only ever holds committed, acknowledged segments), and saves the file now and then. A crash
/// between a commit and a save loses nothing: the next start replays the log from the file's sequence.
/// </summary>
internal sealed class IndexStage(PipelineContext context, CollectionIndex index)
{
    public async Task RunAsync(ChannelReader<bool> committed, CancellationToken cancellationToken)
    {
        var lastSave = Stopwatch.GetTimestamp();
        await foreach (var _ in committed.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var started = Stopwatch.GetTimestamp();
            await index.CatchUpAsync(cancellationToken).ConfigureAwait(false);
            context.Progress.AddStageTime("index", started);
            if (Stopwatch.GetElapsedTime(lastSave) >= context.Options.IndexSaveInterval)
            {
                started = Stopwatch.GetTimestamp();
                await Task.Run(index.Save, cancellationToken).ConfigureAwait(false);
                context.Progress.AddStageTime("index-save", started);
                lastSave = Stopwatch.GetTimestamp();
            }
        }
    }
}
