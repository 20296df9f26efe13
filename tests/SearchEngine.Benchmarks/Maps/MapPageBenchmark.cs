using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace SearchEngine.Benchmarks.Maps;

/// <summary>
/// The Map view's figures in Debian's Chromium, driven through the DevTools protocol by Playwright as the browser tests
/// are: the time from the page asking for a generated map to its first frame with every point drawn (median of a few
/// fresh page loads), and the frames drawn per second while a pressed mouse drags the map around in circles.
/// </summary>
internal static class MapPageBenchmark
{
    // The browser tests' flags (tests/SearchEngine.Web.Tests/Browser/ChromiumFixture.cs): no GPU, so the canvas is
    // drawn in software, as on the project's machines.
    private static readonly string[] LaunchFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public sealed record Result(int Points, double FirstDrawMs, double FirstDrawFromNavigationMs, double PanFps, double PanSeconds, int Frames, double DrawMs);

    public static async Task<Result> RunAsync(int points, int runs, double panSeconds)
    {
        var map = SyntheticMap.Create(points);
        await using var server = await MapPageServer.StartAsync(WebFolder(), map);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SEARCHENGINE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = LaunchFlags,
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        var canvas = page.Locator("#map-canvas");

        var firstDraws = new List<double>();
        var fromNavigation = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await page.GotoAsync($"/?collection={MapPageServer.Collection}&view=map");
            await page.WaitForFunctionAsync("() => document.getElementById('map-canvas').dataset.firstDrawMs !== undefined", null, new() { Timeout = 120_000 });
            firstDraws.Add(double.Parse(await canvas.GetAttributeAsync("data-first-draw-ms") ?? "0", CultureInfo.InvariantCulture));
            fromNavigation.Add(double.Parse(await canvas.GetAttributeAsync("data-first-draw-at-ms") ?? "0", CultureInfo.InvariantCulture));
            var drawn = int.Parse(await canvas.GetAttributeAsync("data-points") ?? "0", CultureInfo.InvariantCulture);
            if (drawn != points)
            {
                throw new InvalidOperationException($"The first frame drew {drawn} points of {points}: the map does not fit the view.");
            }
        }

        // Pan: the mouse held down and moved in circles. The moves go straight to the DevTools protocol, a few at a
        // time without waiting for each to be handled, so the page gets more input than it can draw frames (Chromium
        // merges the moves of one frame) and the rate measured is the map's, not the rate of one round trip per move.
        var box = await canvas.BoundingBoxAsync() ?? throw new InvalidOperationException("The map canvas is not on screen.");
        var (cx, cy) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        var devtools = await context.NewCDPSessionAsync(page);
        Task Mouse(string type, double x, double y) => devtools.SendAsync("Input.dispatchMouseEvent", new Dictionary<string, object>
        {
            ["type"] = type, ["x"] = x, ["y"] = y, ["button"] = "left", ["buttons"] = type == "mouseReleased" ? 0 : 1, ["clickCount"] = 1,
        });
        await Mouse("mouseMoved", cx, cy);
        await Mouse("mousePressed", cx, cy);
        var framesBefore = await FramesAsync(canvas);
        var clock = Stopwatch.StartNew();
        var step = 0;
        while (clock.Elapsed.TotalSeconds < panSeconds)
        {
            var batch = new Task[4];
            for (var k = 0; k < batch.Length; k++)
            {
                var angle = step++ * 0.02;
                batch[k] = Mouse("mouseMoved", cx + 150 * Math.Cos(angle), cy + 150 * Math.Sin(angle));
            }

            await Task.WhenAll(batch);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var frames = await FramesAsync(canvas) - framesBefore;
        await Mouse("mouseReleased", cx, cy);
        var drawMs = double.Parse(await canvas.GetAttributeAsync("data-draw-ms") ?? "0", CultureInfo.InvariantCulture);
        return new Result(points, Median(firstDraws), Median(fromNavigation), frames / elapsed, elapsed, frames, drawMs);
    }

    private static async Task<int> FramesAsync(ILocator canvas) =>
        int.Parse(await canvas.GetAttributeAsync("data-frames") ?? "0", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>web/ of the repository the benchmark runs in (deploy/bench.sh runs it from the root).</summary>
    private static string WebFolder()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "web", "index.html")) && File.Exists(Path.Combine(folder.FullName, "SearchEngine.sln")))
            {
                return Path.Combine(folder.FullName, "web");
            }
        }

        throw new InvalidOperationException($"No web/index.html above {Environment.CurrentDirectory}; run from the repository.");
    }
}
