namespace SearchEngine.QueryApi.Paging;

/// <summary>Settings of cursor paging (configuration section <c>QueryApi:Cursors</c>).</summary>
public sealed class CursorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "QueryApi:Cursors";

    /// <summary>How long a cursor stays usable after the page that issued it (default 10 minutes).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Most paged queries remembered at once (default 2,000). Each holds the ids it has shown, at most
    /// Retrieval:MaxPagingDepth of them, so this bounds the memory cursors take (2,000 × 1,000 ids ≈ 16 MB); past it
    /// the query paged least recently is forgotten and its cursor answers "expired".
    /// </summary>
    public int MaxQueries { get; set; } = 2000;
}
