using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace SearchEngine.Web.Tests.Site;

/// <summary>
/// The search page served from web/ the way query-api serves it (default document plus static files), on a free port,
/// with no API behind it: every <c>/api/...</c> request gets 404. This is what a person sees when the page is deployed
/// but the API is down or misrouted, and it lets the page's own behaviour be tested without an index.
/// </summary>
public sealed class PageOnlySite : SearchSiteFixture
{
    private WebApplication? _app;
    private Uri? _baseUrl;

    public override Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The site has not been started.");

    public override async Task InitializeAsync()
    {
        var web = RepositoryFolders.Web;
        if (!File.Exists(Path.Combine(web, "index.html")))
        {
            throw new InvalidOperationException($"The search page was not found at {web}/index.html.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        var files = new PhysicalFileProvider(web);
        _app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        _app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        await _app.StartAsync();

        // Port 0 asks Kestrel for a free port; the bound address is known only after the start.
        var address = _app.Urls.First();
        _baseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public override async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
