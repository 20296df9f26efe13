namespace SearchEngine.Ingestion.Pipeline;

/// <summary>Tuning of the indexing pipeline (configuration section <see cref="SectionName"/>; the CLI overrides some).</summary>
public sealed class IndexingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Indexing";

    /// <summary>Documents per embedding batch and per database write (default 32).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Files decoded in parallel (0: one per core).</summary>
    public int Workers { get; set; }

    /// <summary>Files hashed and checked against the collection per database round trip (default 256).</summary>
    public int CheckBatchSize { get; set; } = 256;

    /// <summary>How often the index file is saved while a job runs (default 60 s); it is always saved at the end.</summary>
    public TimeSpan IndexSaveInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the job's progress is stored in PostgreSQL (default 5 s).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The number of decode workers, resolved.</summary>
    public int ResolveWorkers() => Workers > 0 ? Workers : Environment.ProcessorCount;
}
