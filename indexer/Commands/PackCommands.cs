using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchEngine.Core;
using SearchEngine.Embeddings.Calibration;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Towers;
using SearchEngine.Training;
using SearchEngine.Training.Calibration;

namespace SearchEngine.Indexer.Commands;

/// <summary><c>pack …</c>: model pack commands.</summary>
internal static class PackCommands
{
    public static Command Create(ILoggerFactory logging) => new("pack", "Model pack commands.")
    {
        EnsureDefault(logging),
        Calibrate(logging),
    };

    /// <summary>
    /// <c>pack ensure-default</c>: prints the default pack's folder. A pack named by Search:DefaultPack is used as it
    /// is; otherwise the offline pack is trained when it is missing or was trained with another recipe, data or
    /// backbones (its configuration hash differs), so a retrained default reaches machines that had the old one, and
    /// calibrated when it has no calibration fitted for its current build. The setup step of a fresh machine; later
    /// runs find the pack up to date and return in seconds.
    /// </summary>
    private static Command EnsureDefault(ILoggerFactory logging)
    {
        var command = new Command("ensure-default", "Print the folder of the default model pack, training (and calibrating) the offline pack when it is missing or out of date.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using (var host = IndexerHost.Build(parse))
            {
                var resolver = host.Services.GetRequiredService<PackResolver>();
                if (resolver.HasConfiguredDefault && resolver.FindDefaultFolder() is { } folder)
                {
                    System.Console.WriteLine(folder);
                    return 0;
                }
            }

            // Evaluation is the train command's job; the setup only needs the pack.
            var report = await new TrainingPipeline(logging.CreateLogger<TrainingPipeline>())
                .RunAsync(new TrainingPipelineOptions { Evaluate = false }, cancellationToken);
            await EnsureCalibratedAsync(report.PackFolder, logging.CreateLogger("calibrate"), cancellationToken);
            System.Console.WriteLine(report.PackFolder);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>pack calibrate [--pack DIR]</c>: fits the pack's <c>calibration.json</c> (similarity → estimated relevance per
    /// search direction) on the development data and prints the figures: per direction the score at relevance 0.5
    /// and 0.9 and how the map held on the half of the pairs it was not fitted on. Refitting never touches the pack's
    /// fingerprint, so collections built with the pack stay valid.
    /// </summary>
    private static Command Calibrate(ILoggerFactory logging)
    {
        var pack = new Option<string?>("--pack") { Description = "The pack folder or installed pack id (default: the default pack)." };
        var threads = new Option<int>("--threads") { Description = "Decoding and scoring threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("calibrate", "Fit the pack's calibration.json (similarity → estimated relevance per direction) on Flickr8k dev and the UrbanSound8K fold-2 held-out slice.")
        {
            pack, threads,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                string folder;
                IReadOnlyList<ITowerFactory> factories;
                using (var host = IndexerHost.Build(parse))
                {
                    folder = host.Services.GetRequiredService<PackResolver>().FolderOf(parse.GetValue(pack));
                    factories = [.. host.Services.GetServices<ITowerFactory>()];
                }

                var calibrator = new PackCalibrator(SharedData.Default, Math.Max(1, parse.GetValue(threads)), logging.CreateLogger("calibrate"), factories);
                var document = await calibrator.RunAsync(folder, cancellationToken);
                System.Console.WriteLine(CalibrationTable.Format(document));
                return 0;
            }
            catch (Exception e) when (e is IndexerException or PackLoadException or InvalidOperationException)
            {
                await System.Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task EnsureCalibratedAsync(string folder, ILogger logger, CancellationToken cancellationToken)
    {
        var fingerprint = PackFingerprint.Compute(PackManifestFile.Read(folder), new PackFileResolver(folder, SharedData.Default));
        if (PackCalibrationFile.TryLoad(folder, fingerprint, out var problem) is not null)
        {
            return;
        }

        logger.LogInformation("{Reason}; calibrating it", problem ?? $"pack '{folder}' has no calibration");
        await new PackCalibrator(SharedData.Default, Environment.ProcessorCount, logger).RunAsync(folder, cancellationToken);
    }
}
