namespace SearchEngine.QueryApi.Jobs;

/// <summary>Indexing jobs started over HTTP (configuration section <c>Jobs</c>).</summary>
public sealed class JobOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Jobs";

    /// <summary>
    /// The server folders a job may index (folders and manifests must lie inside one, links followed). Empty, the
    /// default, turns jobs over HTTP off: the API then never reads the server's disk on a client's word. Where
    /// <c>Media:Roots</c> is set, each job root should lie inside it: the pipeline, as in the CLI, refuses (per file) what
    /// lies outside the media roots, and the media route would not serve it either.
    /// </summary>
    public IList<string> Roots { get; } = [];

    /// <summary>Jobs that may wait for the one running (default 16); a request past it is answered 503.</summary>
    public int QueueCapacity { get; set; } = 16;
}
