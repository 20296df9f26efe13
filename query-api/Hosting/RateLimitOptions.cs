namespace SearchEngine.QueryApi.Hosting;

/// <summary>
/// Requests each client (each API key, or each remote address for requests without one) may make per <see cref="Window"/> (configuration section
/// <c>QueryApi:RateLimits</c>). Searches by an uploaded file decode media and cost far more than text searches, so they
/// have a budget of their own.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The window the permits are counted over (default one minute).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Searches and other API requests per client and window, other than uploads and document reads (default 300).</summary>
    public int RequestsPerWindow { get; set; } = 300;

    /// <summary>Searches by an uploaded file (multipart POSTs) per client and window (default 30).</summary>
    public int UploadsPerWindow { get; set; } = 30;
}
