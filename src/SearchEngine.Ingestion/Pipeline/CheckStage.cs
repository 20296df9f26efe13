using System.Diagnostics;
using System.Threading.Channels;
using SearchEngine.Ingestion.Sources;
using SearchEngine.Media.Files;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>
/// Hashes files in parallel and asks the collection, one round trip per batch, which are new, changed or unchanged.
/// Unchanged files are skipped here (their location and modification time are recorded again when those moved); the
/// rest go on to decoding (or, in a dry run, are only counted).
/// </summary>
internal sealed class CheckStage(PipelineContext context, DocumentStore documents)
{
    public async Task RunAsync(ChannelReader<SourceFile> input, ChannelWriter<PendingFile>? output, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = context.Options.ResolveWorkers(), CancellationToken = cancellationToken };
        while (true)
        {
            var batch = await input.ReadBatchAsync(context.Options.CheckBatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return;
            }

            var started = Stopwatch.GetTimestamp();
            var hashed = new PendingFile?[batch.Count];
            var failures = new FileFailure?[batch.Count];
            await Parallel.ForAsync(0, batch.Count, parallel, async (i, token) =>
            {
                try
                {
                    // Discovery resolved the file inside the roots (no final target: it did not exist then), but it may
                    // have been swapped since: open only that target, and only while it is a regular file.
                    var facts = batch[i].FinalTarget is { } target ? FileFacts.Of(target) : new FileFacts(FileKind.Missing, 0, default);
                    if (facts.Kind != FileKind.Regular)
                    {
                        failures[i] = new FileFailure(batch[i].Path, FailureStage.Read, facts.Kind == FileKind.Missing
                            ? $"the file does not exist ({batch[i].Path})"
                            : $"{FileFacts.Describe(facts.Kind)}, not a regular file: only regular files are indexed");
                        return;
                    }

                    var (sha, size) = await ContentHash.ComputeAsync(batch[i].FinalTarget!, token).ConfigureAwait(false);
                    hashed[i] = new PendingFile(batch[i], sha, size) { ModifiedAt = facts.ModifiedAt };
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failures[i] = new FileFailure(batch[i].Path, FailureStage.Read, e is FileNotFoundException or DirectoryNotFoundException
                        ? $"the file does not exist ({batch[i].Path})"
                        : $"the file cannot be read: {e.Message}");
                }
            }).ConfigureAwait(false);

            context.Progress.AddSeen(batch.Count);
            foreach (var failure in failures)
            {
                if (failure is not null)
                {
                    await context.Failures.RecordAsync(failure, cancellationToken).ConfigureAwait(false);
                }
            }

            var pending = hashed.OfType<PendingFile>().ToList();
            var states = context.Collection is { } collection && pending.Count > 0
                ? await documents.CheckFilesAsync(collection.Id, pending.Select(p => (p.Source.Path, p.Sha256)).ToList(), requireMediaFacts: true, cancellationToken).ConfigureAwait(false)
                : null;
            context.Progress.AddStageTime("check", started);

            List<(string, string?, DateTimeOffset?)>? unchanged = null;
            foreach (var file in pending)
            {
                var state = states?.GetValueOrDefault(file.Source.Path, FileState.New) ?? FileState.New;
                if (state == FileState.Unchanged)
                {
                    context.Progress.AddSkipped();
                    (unchanged ??= []).Add((file.Source.Path, file.Source.FinalTarget, file.ModifiedAt));
                }
                else if (output is null)
                {
                    context.Progress.AddIndexed(1, 0);
                }
                else
                {
                    await output.WriteAsync(file, cancellationToken).ConfigureAwait(false);
                }
            }

            if (unchanged is not null && output is not null)
            {
                await documents.RecordFileFactsAsync(context.Collection!.Id, unchanged, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
