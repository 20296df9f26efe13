using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace SearchEngine.Web.Tests.Site;

/// <summary>
/// The search page served from web/ the way query-api serves it (default document plus static files), on a free port,
/// with no API behind it: every <c>/api/...</c> request gets 404. This is what a person sees when the page is deployed
/// but the API is down or misrouted, and it lets the page's own behaviour be tested without an index.
/// It records each API request it turned away (Playwright cannot see the file parts of a multipart body), so tests
/// can check what the page sent.
/// </summary>
public sealed class PageOnlySite : SearchSiteFixture
{
    private readonly ConcurrentQueue<ApiRequest> _apiRequests = new();
    private WebApplication? _app;
    private Uri? _baseUrl;

    /// <summary>The API requests received so far, oldest first.</summary>
    public IReadOnlyList<ApiRequest> ApiRequests => [.. _apiRequests];

    /// <summary>Waits (up to 10 s) for an API request, received after <paramref name="after"/> earlier ones, that matches.</summary>
    public async Task<ApiRequest> WaitForApiRequestAsync(int after, Func<ApiRequest, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var found = ApiRequests.Skip(after).FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No matching API request arrived; received: {string.Join(", ", ApiRequests.Select(r => $"{r.Method} {r.Path}{r.Query}"))}.");
    }

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
        _app.Map("/api", api => api.Run(async context =>
        {
            _apiRequests.Enqueue(await RecordAsync(context.Request));
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }));
        await _app.StartAsync();

        // Port 0 asks Kestrel for a free port; the bound address is known only after the start.
        var address = _app.Urls.First();
        _baseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private static async Task<ApiRequest> RecordAsync(HttpRequest request)
    {
        var fields = new Dictionary<string, string>();
        var files = new List<UploadedFile>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }

            files.AddRange(form.Files.Select(f => new UploadedFile(f.Name, f.FileName, f.ContentType, f.Length)));
        }

        return new ApiRequest(request.Method, request.PathBase + request.Path, request.QueryString.Value ?? "", fields, files);
    }

    public override async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
