using System.Diagnostics;
using System.Threading.Channels;
using SearchEngine.Ingestion.Sources;
using SearchEngine.Media;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>
/// Decodes files (one of several parallel workers reads the same channel): attaches sidecars, recognises the content
/// and decodes it, sound at <paramref name="audioSampleRate"/>. A file that cannot be decoded is recorded as a failure;
/// a sidecar that cannot be read is recorded too, and the file is indexed without it.
/// </summary>
/// <param name="context">What the job's stages share.</param>
/// <param name="decoder">The media decoder.</param>
/// <param name="sidecars">Reads captions and metadata beside files.</param>
/// <param name="audioSampleRate">
/// The pack's audio tower's <c>SampleRate</c>, the only rate it embeds (YAMNet 16 kHz, CLAP 48 kHz); null when the pack
/// has no audio tower, so that no sound is decoded for nothing.
/// </param>
internal sealed class DecodeStage(PipelineContext context, MediaDecoder decoder, SidecarReader sidecars, int? audioSampleRate)
{
    /// <summary>
    /// Files a worker takes from the channel at once (whatever is waiting, up to this many): short audio files among
    /// them share one ffmpeg process (<see cref="MediaDecoder.DecodeManyAsync"/>), whose start-up otherwise costs more
    /// than decoding a clip.
    /// </summary>
    public const int BatchSize = 8;

    public async Task RunWorkerAsync(ChannelReader<PendingFile> input, ChannelWriter<DecodedFile> output, CancellationToken cancellationToken)
    {
        List<PendingFile> batch;
        while ((batch = await input.ReadBatchAsync(BatchSize, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            var started = Stopwatch.GetTimestamp();
            var described = new PendingFile[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                described[i] = await AttachSidecarsAsync(batch[i], cancellationToken).ConfigureAwait(false);
            }

            var results = await decoder.DecodeManyAsync([.. batch.Select(f => f.Source.Path)], audioSampleRate, cancellationToken).ConfigureAwait(false);
            context.Progress.AddStageTime("decode", started);
            for (var i = 0; i < results.Length; i++)
            {
                if (results[i].Media is { } media)
                {
                    await output.WriteAsync(new DecodedFile(described[i], media), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await context.Failures.RecordAsync(new FileFailure(batch[i].Source.Path, FailureStage.Decode, results[i].Error!.Reason), cancellationToken).ConfigureAwait(false);
                }
            }
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
