namespace SearchEngine.Media;

/// <summary>
/// Too many query uploads are being decoded already (see <see cref="QueryDecodeGate"/>): the request is refused, not
/// failed, and may be retried. The query API answers 503 with a Retry-After of <see cref="RetryAfter"/>.
/// </summary>
public sealed class MediaBusyException : Exception
{
    /// <summary>The HTTP status a web API answers with.</summary>
    public const int Status = 503;

    /// <summary>Creates the refusal.</summary>
    public MediaBusyException(TimeSpan retryAfter)
        : base("The service is decoding as many uploaded files as it can at once; try again in a few seconds (Media:MaxConcurrentQueryDecodes).")
    {
        RetryAfter = retryAfter;
    }

    /// <summary>When a retry has a chance.</summary>
    public TimeSpan RetryAfter { get; }
}
