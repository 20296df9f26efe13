using System.CommandLine;
using Microsoft.Extensions.Logging;
using SearchEngine.Indexer.Commands;

// Logs go to stderr so that stdout carries only results (eval's last stdout line is its JSON report).
using var logging = LoggerFactory.Create(builder => builder
    .AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss ";
    })
    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

// Each command group lives in its own file under Commands/; add a group by adding its line here.
var root = new RootCommand("searchengine-indexer: index folders or manifests into a collection, manage, train and evaluate model packs.")
{
    IndexCommand.Create(),
    SampleManifestCommand.Create(),
    PackCommands.Create(),
    TrainCommands.Train(logging),
    TrainCommands.Eval(logging),
};

// Tokens the commands do not define (e.g. --Search:IndexFolder=/data/index) are configuration, read by the host.
root.TreatUnmatchedTokensAsErrors = false;
var parsed = root.Parse(args);
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
