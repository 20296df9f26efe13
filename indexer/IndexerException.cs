namespace SearchEngine.Indexer;

/// <summary>A command cannot go on; the message tells the person what to do. Printed without a stack trace.</summary>
internal sealed class IndexerException(string message) : Exception(message);
