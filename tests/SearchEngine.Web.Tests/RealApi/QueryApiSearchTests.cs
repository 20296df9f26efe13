using SearchEngine.Web.Tests.Browser;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>The end-to-end suite against the real query API (see README.md here).</summary>
public sealed class QueryApiSearchTests(QueryApiSite site, ChromiumFixture chromium)
    : SearchWithApiTests<QueryApiSite>(site, chromium), IClassFixture<ChromiumFixture>;
