using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Pull;

namespace SearchEngine.Indexer.Commands;

/// <summary><c>models …</c>: install packs from their public source, and list the installed ones.</summary>
internal static class ModelCommands
{
    public static Command Create(ILoggerFactory logging) => new("models", "Model pack downloads and listing.")
    {
        Pull(logging),
        List(),
    };

    /// <summary>
    /// <c>models pull ID</c>: downloads a pack (CLIP, CLAP) with resumable, sha256-verified transfers into the packs
    /// folder. Without a network it fails within the connect timeout, saying so, instead of hanging.
    /// </summary>
    private static Command Pull(ILoggerFactory logging)
    {
        var id = new Argument<string>("id") { Description = "Pack id or alias, e.g. openai/clip-vit-base-patch32 or laion/clap-htsat-unfused." };
        var command = new Command("pull", "Download a model pack from its public source.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = IndexerHost.Build(parse);
            var folder = host.Services.GetRequiredService<IOptions<ModelPackOptions>>().Value.ResolvePacksFolder();
            using var http = ModelPuller.CreateHttpClient();
            try
            {
                var installed = await new ModelPuller(http, logging.CreateLogger<ModelPuller>()).PullAsync(parse.GetValue(id)!, folder, cancellationToken: cancellationToken);
                System.Console.WriteLine(installed);
                return 0;
            }
            catch (ModelPullException e)
            {
                System.Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary><c>models list</c>: the packs installed in the packs folder.</summary>
    private static Command List()
    {
        var command = new Command("list", "List the installed model packs.");
        command.SetAction(parse =>
        {
            using var host = IndexerHost.Build(parse);
            var registry = host.Services.GetRequiredService<ModelPackRegistry>();
            foreach (var (packId, (manifest, folder)) in registry.Installed())
            {
                System.Console.WriteLine($"{packId}\t{manifest.Version}\t{manifest.Dimension}-d\t{string.Join(",", manifest.Towers.Keys)}\t{folder}");
            }

            return 0;
        });
        return command;
    }
}
