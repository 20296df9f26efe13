namespace SearchEngine.Web.Tests.Site;

/// <summary>A running site that serves the search page at <see cref="BaseUrl"/>, with or without the query API behind it.</summary>
public abstract class SearchSiteFixture : IAsyncLifetime
{
    /// <summary>Where the page is served, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public abstract Uri BaseUrl { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();
}
