namespace SearchEngine.QueryApi;

/// <summary>Settings of the HTTP layer (configuration section <c>QueryApi</c>).</summary>
public sealed class QueryApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "QueryApi";

    /// <summary>Largest accepted upload in bytes (default 25 MB); larger ones get 413.</summary>
    public long MaxUploadBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>How often opened indexes apply PostgreSQL's change log.</summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The relevance a query's best hit needs for the page to present the results as matches (in [0, 1]); below it the
    /// page says "no close match". Null (the default) uses each calibrated pack's own threshold, chosen on its
    /// development data when it was calibrated (see calibration.json, closeMatch).
    /// </summary>
    public double? CloseMatchRelevance { get; set; }
}
