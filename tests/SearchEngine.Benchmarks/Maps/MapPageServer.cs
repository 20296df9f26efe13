using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using SearchEngine.Maps;

namespace SearchEngine.Benchmarks.Maps;

/// <summary>
/// The search page from web/ on a free loopback port with just enough API behind it for the Map view: one collection
/// and its map, served as query-api serves maps (the binary format, gzipped when asked). The page's own cost is what is
/// timed, not a layout.
/// </summary>
internal sealed class MapPageServer : IAsyncDisposable
{
    public const string Collection = "bench";

    private readonly WebApplication _app;

    private MapPageServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<MapPageServer> StartAsync(string webFolder, CollectionMap map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var files = new PhysicalFileProvider(webFolder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        var body = map.Encoded.ToArray();
        var gzipped = map.Gzipped.ToArray();
        app.MapGet("/api/collections", () => Results.Json(new[] { new { name = Collection, documents = map.Count } }));
        app.MapGet($"/api/collections/{Collection}/map", (HttpContext http) =>
        {
            var gzip = http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
            // No ETag: every run of the page downloads and reads the whole map, as a first visit does.
            http.Response.Headers.CacheControl = "no-store";
            if (gzip)
            {
                http.Response.Headers.ContentEncoding = "gzip";
            }

            return Results.Bytes(gzip ? gzipped : body, "application/octet-stream");
        });
        // Anything else the page asks (its key, a search) has no answer here; the Map view does not need one.
        app.Map("/api/{**rest}", () => Results.NotFound());
        await app.StartAsync();
        var address = app.Urls.First();
        return new MapPageServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
