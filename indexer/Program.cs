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

var root = new RootCommand("searchengine-indexer: index media into collections, train and evaluate model packs.")
{
    TrainCommands.Train(logging),
    TrainCommands.Eval(logging),
};
return await root.Parse(args).InvokeAsync();
