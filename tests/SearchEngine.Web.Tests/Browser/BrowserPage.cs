using Microsoft.Playwright;

namespace SearchEngine.Web.Tests.Browser;

/// <summary>
/// One page in its own browser context. It records uncaught script errors, so a test can assert the page ran cleanly,
/// and saves screenshots as test artifacts.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _scriptErrors = [];

    internal BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, message) => _scriptErrors.Add(message);
    }

    /// <summary>The Playwright page.</summary>
    public IPage Page { get; }

    /// <summary>Uncaught exceptions thrown by the page's scripts so far.</summary>
    public IReadOnlyList<string> ScriptErrors => _scriptErrors;

    /// <summary>Folder the screenshots go to: <c>TestResults/screenshots</c> under the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>Saves the viewport (or the full page) as <c>name.png</c> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = false)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
