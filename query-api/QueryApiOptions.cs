using SearchEngine.QueryApi.Hosting;

namespace SearchEngine.QueryApi;

/// <summary>Settings of the HTTP layer (configuration section <c>QueryApi</c>).</summary>
public sealed class QueryApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "QueryApi";

    /// <summary>Largest accepted upload in bytes (default 25 MB); larger ones get 413.</summary>
    public long MaxUploadBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>
    /// Largest accepted JSON body in bytes (default 64 KiB; a search body is a few hundred bytes), separate from
    /// <see cref="MaxUploadBytes"/> so that a JSON body cannot make the service parse megabytes; larger ones get 413.
    /// </summary>
    public long MaxJsonBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Requests each client may make (section <c>QueryApi:RateLimits</c>).</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>
    /// How long a request may run before it is answered 504 and its work cancelled (default 30 s; a text search takes
    /// tens of milliseconds, so this only stops runaways).
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a search by an uploaded file may run (default 120 s: decoding a long clip takes a while).</summary>
    public TimeSpan UploadRequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The relevance a query's best hit needs for the page to present the results as matches (in [0, 1]); below it the
    /// page says "no close match". Null (the default) uses each calibrated pack's own threshold, chosen on its
    /// development data when it was calibrated (see calibration.json, closeMatch).
    /// </summary>
    public double? CloseMatchRelevance { get; set; }
}
