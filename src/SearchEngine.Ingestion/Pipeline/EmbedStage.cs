using System.Diagnostics;
using System.Threading.Channels;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>Embeds decoded files a batch at a time, one call per tower per batch, and passes the documents on.</summary>
internal sealed class EmbedStage(PipelineContext context, DocumentEmbedder embedder)
{
    public async Task RunAsync(ChannelReader<DecodedFile> input, ChannelWriter<EmbeddedDocument> output, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await input.ReadBatchAsync(context.Options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return;
            }

            var started = Stopwatch.GetTimestamp();
            var (documents, failures) = embedder.Embed(batch);
            context.Progress.AddStageTime("embed", started);
            foreach (var failure in failures)
            {
                await context.Failures.RecordAsync(failure, cancellationToken).ConfigureAwait(false);
            }

            foreach (var document in documents)
            {
                await output.WriteAsync(document, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
