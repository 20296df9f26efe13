using System.CommandLine;
using SearchEngine.Indexer.Commands;

// Each command group lives in its own file under Commands/; add a group by adding its line here.
var root = new RootCommand("searchengine-indexer: index folders or manifests into a collection, and manage model packs.")
{
    IndexCommand.Create(),
    SampleManifestCommand.Create(),
    PackCommands.Create(),
};

// Tokens the commands do not define (e.g. --Search:IndexFolder=/data/index) are configuration, read by the host.
root.TreatUnmatchedTokensAsErrors = false;
var parsed = root.Parse(args);
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
