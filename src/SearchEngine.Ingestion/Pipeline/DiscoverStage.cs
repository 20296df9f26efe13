using System.Threading.Channels;
using SearchEngine.Ingestion.Sources;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>
/// The first stage: walks the folders, then reads the manifest, and passes each file on once (a file named twice is
/// indexed once). Remembers every path it saw, for <c>--delete-missing</c>. Files whose final target lies outside the
/// configured media roots (or, with none configured, outside the folder or manifest folder named) are refused here,
/// before anything opens them.
/// </summary>
internal sealed class DiscoverStage(IndexingRequest request, PipelineContext context, Media.Files.MediaRoots roots)
{
    /// <summary>Every file path seen (the document uris that still exist).</summary>
    public HashSet<string> SeenPaths { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync(ChannelWriter<SourceFile> output, CancellationToken cancellationToken)
    {
        foreach (var folder in request.Folders)
        {
            await ForwardAsync(FolderSource.EnumerateAsync(folder, roots, cancellationToken), output, cancellationToken).ConfigureAwait(false);
        }

        if (request.Manifest is { } manifest)
        {
            await ForwardAsync(ManifestSource.EnumerateAsync(manifest, roots, cancellationToken), output, cancellationToken).ConfigureAwait(false);
        }

        if (request.Files.Count > 0)
        {
            // With no roots configured, a named file's own folder is its root, as a walked folder is for its files.
            var named = request.Files.Select(f => SourceRoots.Check(SourceRoots.For(roots, Path.GetDirectoryName(Path.GetFullPath(f.Path))!), f));
            await ForwardAsync(named.ToAsyncEnumerable(), output, cancellationToken).ConfigureAwait(false);
        }

        context.Progress.CompleteDiscovery();
    }

    private async Task ForwardAsync(IAsyncEnumerable<SourceFile> files, ChannelWriter<SourceFile> output, CancellationToken cancellationToken)
    {
        await foreach (var file in files.ConfigureAwait(false))
        {
            if (file.Problem is { } problem)
            {
                context.Progress.AddDiscovered();
                context.Progress.AddSeen();
                await context.Failures.RecordAsync(new FileFailure(file.Path, file.ProblemStage, problem), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!SeenPaths.Add(file.Path))
            {
                continue;
            }

            context.Progress.AddDiscovered();
            await output.WriteAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }
}
