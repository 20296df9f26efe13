using Microsoft.Extensions.Logging;
using SearchEngine.Core;

namespace SearchEngine.Ingestion.Pipeline;

/// <summary>What every stage of one job shares.</summary>
/// <param name="Collection">The collection; null in a dry run of a collection that does not exist yet.</param>
/// <param name="Options">Pipeline tuning.</param>
/// <param name="Progress">Live counters.</param>
/// <param name="Failures">Where per-file failures go.</param>
/// <param name="Logger">The job's logger.</param>
internal sealed record PipelineContext(CollectionInfo? Collection, IndexingOptions Options, IndexingProgress Progress, FailureLog Failures, ILogger Logger);
