using System.CommandLine;
using Microsoft.Extensions.Logging;
using SearchEngine.Indexer.Commands;

// Logs go to stderr so that stdout carries only results (a pack folder, eval's JSON report as its last line).
using var logging = LoggerFactory.Create(builder => builder
    .AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "HH:mm:ss ";
    })
    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

// Each command group lives in its own file under Commands/; add a group by adding its line here.
var root = new RootCommand("searchengine-indexer: index folders or manifests into a collection, train, evaluate and manage model packs.")
{
    IndexCommand.Create(),
    EnrichCommand.Create(),
    MaintenanceCommands.Migrate(),
    MaintenanceCommands.Housekeeping(),
    KeyCommands.Create(),
    SampleManifestCommand.Create(),
    PackCommands.Create(logging),
    ModelCommands.Create(logging),
    TrainCommands.Train(logging),
    TrainCommands.Eval(logging),
    BenchCommands.Vectors(),
};

// Tokens the commands do not define (e.g. --Search:IndexFolder=/data/index) are configuration, read by the host.
root.TreatUnmatchedTokensAsErrors = false;
var parsed = root.Parse(args);
try
{
    return await parsed.InvokeAsync(new InvocationConfiguration
    {
        ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        EnableDefaultExceptionHandler = false,
    });
}
catch (FileNotFoundException e)
{
    // A model or dataset missing from the shared folder: the message names the file and the setting to change, and a
    // stack trace would only bury it.
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // Anything else is a bug: keep the stack trace for the report.
    await Console.Error.WriteLineAsync($"unexpected error: {e}");
    return 1;
}
