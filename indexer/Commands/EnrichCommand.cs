using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Ingestion.Enrichment;
using SearchEngine.Ocr;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Enrichment;

namespace SearchEngine.Indexer.Commands;

/// <summary>
/// <c>enrich --collection NAME [--workers N] [--status]</c>: reads the text in a collection's pictures and video
/// keyframes now, in the foreground, with progress (the query API does the same in the background). Resumable: a run
/// stopped at any point goes on where it stopped. Its last line is a JSON summary.
/// </summary>
internal static class EnrichCommand
{
    public static Command Create()
    {
        var collection = new Option<string>("--collection") { Description = "The collection whose pictures to read.", Required = true };
        var workers = new Option<int?>("--workers") { Description = "Pictures read at once (Ocr:Workers; each is one single-threaded Tesseract run)." };
        var status = new Option<bool>("--status") { Description = "Only print how far the pass is." };
        var command = new Command("enrich", "Read the text in a collection's pictures and video keyframes (OCR with Tesseract) and index it; resumable.")
        {
            collection, workers, status,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = IndexerHost.Build(parse);
            var services = host.Services;
            if (parse.GetValue(workers) is int count)
            {
                services.GetRequiredService<IOptions<OcrOptions>>().Value.Workers = Math.Max(1, count);
            }

            try
            {
                await IndexerHost.MigrateAsync(host, cancellationToken);
                var name = parse.GetRequiredValue(collection);
                var info = await services.GetRequiredService<CollectionStore>().GetByNameAsync(name, cancellationToken)
                    ?? throw new IndexerException($"There is no collection named '{name}'.");
                var pass = services.GetRequiredService<PictureTextPass>();
                if (!parse.GetValue(status))
                {
                    if (await pass.ProblemAsync(cancellationToken) is { } problem)
                    {
                        await Console.Error.WriteLineAsync($"error: {problem}");
                        return 1;
                    }

                    var started = DateTime.UtcNow;
                    var finished = await pass.RunAsync(info, p => Console.Error.WriteLine(Describe(p)), cancellationToken);
                    var seconds = (DateTime.UtcNow - started).TotalSeconds;
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"read {finished} documents in {seconds:0.0} s ({(seconds > 0 ? finished / seconds : 0):0.0} a second)"));
                }

                var progress = await pass.ProgressAsync(info, cancellationToken);
                await Console.Error.WriteLineAsync(Describe(progress));
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    collection = info.Name,
                    eligible = progress.Eligible,
                    done = progress.Done,
                    to_do = progress.ToDo,
                    with_text = progress.WithText,
                    failed = progress.Failed,
                }));
                return 0;
            }
            catch (Exception e) when (e is IndexerException or NpgsqlException or OcrException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string Describe(EnrichmentProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"text in pictures: {p.Done}/{p.Eligible} done ({p.WithText} with text, {p.Failed} failed), {p.ToDo} to do");
}
