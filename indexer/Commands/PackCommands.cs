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
    /// <c>pack ensure-default</c>: prints the default offline pack's folder, training it first when it is not installed
    /// (the setup step of a fresh machine; later runs find it in the cache and return at once).
    /// </summary>
    private static Command EnsureDefault(ILoggerFactory logging)
    {
        var command = new Command("ensure-default", "Print the folder of the default offline model pack, building it (train) when it is not installed yet.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using (var host = IndexerHost.Build(parse))
            {
                if (host.Services.GetRequiredService<PackResolver>().FindDefaultFolder() is { } folder)
                {
                    Console.WriteLine(folder);
                    return 0;
                }
            }

            // Evaluation is the train command's job; the setup only needs the pack.
            var report = await new TrainingPipeline(logging.CreateLogger<TrainingPipeline>())
                .RunAsync(new TrainingPipelineOptions { Evaluate = false }, cancellationToken);
            Console.WriteLine(report.PackFolder);
            return 0;
        });
        return command;
    }
}
