using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace SearchEngine.Indexer.Commands;

/// <summary><c>pack …</c>: model pack commands.</summary>
internal static class PackCommands
{
    public static Command Create() => new("pack", "Model pack commands.")
    {
        EnsureDefault(),
    };

    /// <summary><c>pack ensure-default</c>: prints the default offline pack's folder.</summary>
    private static Command EnsureDefault()
    {
        var command = new Command("ensure-default", "Print the folder of the default offline model pack (Search:DefaultPack, or the installed default id).");
        command.SetAction(parse =>
        {
            using var host = IndexerHost.Build(parse);
            var folder = host.Services.GetRequiredService<PackResolver>().FindDefaultFolder();
            if (folder is null)
            {
                // Building the pack belongs to the training library; until its entry point is wired here, say what to run.
                System.Console.Error.WriteLine("error: default pack not built yet: run searchengine-indexer train");
                return 1;
            }

            System.Console.WriteLine(folder);
            return 0;
        });
        return command;
    }
}
