using Microsoft.Playwright;

namespace SearchEngine.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>$SEARCHENGINE_CHROMIUM</c>) launched once per test class through
/// Playwright for .NET. Playwright starts it with a fresh temporary <c>--user-data-dir</c>, and every test gets its own
/// browser context, so no test sees another's storage. Nothing is downloaded: the browser is the installed one.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>
    /// Flags that work on this machine: no sandbox (root in a container), no GPU, no network side traffic; and a fake
    /// microphone (a generated tone) that needs no permission prompt, so recording a sound can be tested.
    /// </summary>
    public static readonly IReadOnlyList<string> LaunchFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not been started.");

    /// <summary>The Chromium executable the tests drive.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("SEARCHENGINE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ExecutablePath}. Install Debian's build (apt-get install -y chromium chromium-driver) " +
                "or point SEARCHENGINE_CHROMIUM at a Chromium executable.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = LaunchFlags,
        });
    }

    /// <summary>A new, isolated page at the given viewport size, with browser errors collected for assertions.</summary>
    public async Task<BrowserPage> OpenAsync(Uri baseUrl, Viewport viewport)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = viewport.Width, Height = viewport.Height },
            IsMobile = viewport.IsPhone,
            HasTouch = viewport.IsPhone,
            DeviceScaleFactor = 1,
            Permissions = ["microphone"],
        });
        // Generous ceilings: waits end as soon as the page is ready, and a first query on a busy 2-core CI machine
        // (model sessions warming up while other work runs) can take seconds; failures still fail, just later.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
