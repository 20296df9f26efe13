using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchEngine.Training;

namespace SearchEngine.Indexer.Commands;

/// <summary><c>pack …</c>: model pack commands.</summary>
internal static class PackCommands
{
    public static Command Create(ILoggerFactory logging) => new("pack", "Model pack commands.")
    {
        EnsureDefault(logging),
    };

    /// <summary>
    /// <c>pack ensure-default</c>: prints the default pack's folder. A pack named by Search:DefaultPack is used as it
    /// is; otherwise the offline pack is trained when it is missing or was trained with another recipe, data or
    /// backbones (its configuration hash differs), so a retrained default reaches machines that had the old one. The
    /// setup step of a fresh machine; later runs find the pack up to date and return in seconds.
    /// </summary>
    private static Command EnsureDefault(ILoggerFactory logging)
    {
        var command = new Command("ensure-default", "Print the folder of the default model pack, training the offline pack when it is missing or out of date.");
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
            System.Console.WriteLine(report.PackFolder);
            return 0;
        });
        return command;
    }
}
