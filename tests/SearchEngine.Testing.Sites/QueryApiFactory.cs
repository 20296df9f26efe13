using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SearchEngine.Testing.Sites;

/// <summary>
/// The real query-api (its own <c>Program</c>, production environment) configured with <paramref name="settings"/>,
/// serving the search page from the <c>wwwroot</c> that the build copies next to the tests (query-api links web/ there).
/// In memory by default (<see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/>); <see cref="StartOnLoopback"/>
/// puts it on a real TCP port instead, for a browser.
/// </summary>
public sealed class QueryApiFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>The static files as built: the content root WebApplicationFactory picks is query-api's source folder, which has no wwwroot.</summary>
    public static string WebRoot { get; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Starts Kestrel on 127.0.0.1 and a free port; returns the address the page is served at.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();

        // Port 0 asks the OS for a free port; the bound address is known only once the server runs.
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (!File.Exists(Path.Combine(WebRoot, "index.html")))
        {
            throw new InvalidOperationException($"The search page was not copied to {WebRoot}: query-api's project links web/** into wwwroot; rebuild the tests.");
        }

        builder.UseEnvironment("Production");
        builder.UseWebRoot(WebRoot);

        // Test suites send hundreds of requests from one client; the rate-limit tests set tight limits of their own.
        builder.UseSetting("QueryApi:RateLimits:RequestsPerWindow", "1000000");
        builder.UseSetting("QueryApi:RateLimits:UploadsPerWindow", "1000000");
        // Reading text in pictures runs in the background and adds segments while a test looks; the OCR tests turn it on.
        builder.UseSetting("Ocr:Enabled", "false");

        // Settings, not ConfigureAppConfiguration: Program reads its connection string while building, before
        // configuration callbacks run; settings reach WebApplication.CreateBuilder as its initial configuration.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
