using System.Diagnostics;
using System.Threading.Channels;
using SearchEngine.Ingestion.Sources;
using SearchEngine.Media;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>
/// Decodes files (one of several parallel workers reads the same channel): attaches sidecars, recognises the content
/// and decodes it. A file that cannot be decoded is recorded as a failure; a sidecar that cannot be read is recorded
/// too, and the file is indexed without it.
/// </summary>
internal sealed class DecodeStage(PipelineContext context, MediaDecoder decoder, SidecarReader sidecars)
{
    public async Task RunWorkerAsync(ChannelReader<PendingFile> input, ChannelWriter<DecodedFile> output, CancellationToken cancellationToken)
    {
        await foreach (var file in input.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var started = Stopwatch.GetTimestamp();
            var described = await AttachSidecarsAsync(file, cancellationToken).ConfigureAwait(false);
            DecodedMedia media;
            try
            {
                media = await decoder.DecodeAsync(file.Source.Path, cancellationToken).ConfigureAwait(false);
            }
            catch (MediaException e)
            {
                context.Progress.AddStageTime("decode", started);
                await context.Failures.RecordAsync(new FileFailure(file.Source.Path, FailureStage.Decode, e.Reason), cancellationToken).ConfigureAwait(false);
                continue;
            }

            context.Progress.AddStageTime("decode", started);
            await output.WriteAsync(new DecodedFile(described, media), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PendingFile> AttachSidecarsAsync(PendingFile file, CancellationToken cancellationToken)
    {
        if (file.Source.Sidecars.Count == 0)
        {
            return file;
        }

        try
        {
            return file with { Source = await sidecars.AttachAsync(file.Source, cancellationToken).ConfigureAwait(false) };
        }
        catch (Exception e) when (e is MediaException or IOException or System.Text.Json.JsonException)
        {
            var sidecar = e is MediaException media ? media.FilePath : string.Join(", ", file.Source.Sidecars);
            var reason = e is MediaException m ? m.Reason : e.Message;
            // The sidecar's failure is recorded under the sidecar's own path; its media file is still indexed.
            await context.Failures.RecordAsync(new FileFailure(sidecar, FailureStage.Sidecar, $"{reason}; {Path.GetFileName(file.Source.Path)} is indexed without it"), cancellationToken).ConfigureAwait(false);
            return file;
        }
    }
}
