using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using SearchEngine.Web.Tests.Browser;
using SearchEngine.Web.Tests.Site;
using static Microsoft.Playwright.Assertions;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// The Map view over the real query API (real PostgreSQL, the sample collection indexed with the default pack, the
/// API's own UMAP layout, first answered with 202): every document drawn in its kind's colour, the search's results
/// ringed, zoom by keys and wheel, a Shift-drag lasso whose documents restrict the next search (seen in the request
/// the page sends and in the API's answer), and at phone width the same by keyboard and the Lasso button.
/// </summary>
public sealed class MapTests(QueryApiSite site, ChromiumFixture chromium) : IClassFixture<QueryApiSite>, IClassFixture<ChromiumFixture>
{
    private const int Documents = 12; // the sample corpus: 4 photos, 4 clips, 1 video, 3 texts
    private const int K = 3;

    // The first layout of a collection is computed after the first request (202, Retry-After 5 s): the page polls.
    private static readonly LocatorAssertionsToHaveAttributeOptions LayoutPatience = new() { Timeout = 120_000 };

    // Which test opens the map first is xunit's choice; that one sees the API still laying the collection out.
    private static int s_mapsOpened;

    [Fact]
    public async Task The_map_draws_every_document_rings_the_results_zooms_and_a_lasso_restricts_the_next_search()
    {
        await using var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Desktop);
        var p = page.Page;
        var query = Uri.EscapeDataString(site.TextMatch.Query);
        await p.GotoAsync($"/?collection={site.Collection}&q={query}&k={K}&view=map");
        var canvas = await ReadyMapAsync(p);
        await Expect(p.Locator("#map-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(p.Locator("#results")).ToBeHiddenAsync();

        // Every document is a point in view, and the legend counts the kinds the map's own modality column holds.
        await Expect(canvas).ToHaveAttributeAsync("data-points", Documents.ToString(CultureInfo.InvariantCulture));
        await Expect(p.Locator("#map-legend li")).ToHaveCountAsync(4);
        await Expect(p.Locator("#map-legend [data-modality='audio'] .count")).ToHaveTextAsync("4");
        await Expect(p.Locator("#map-legend [data-modality='text'] .count")).ToHaveTextAsync("3");
        await Expect(canvas).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex($"^Map of {Documents} documents in {site.Collection}"));
        // The pixels: sounds have no thumbnail, so they are squares in the audio colour, drawn nowhere else.
        Assert.True(await PixelsOfAsync(p, "--audio") >= 4, "no point in the audio colour was drawn");

        // The search's results are ringed: as many as it returned.
        await Expect(canvas).ToHaveAttributeAsync("data-highlighted", K.ToString(CultureInfo.InvariantCulture));
        Assert.True(await PixelsOfAsync(p, "--text") > 50, "no result ring was drawn");

        // Zoom: + by keys (1.5×), the wheel over the map, 0 for the whole map again.
        await canvas.FocusAsync();
        await p.Keyboard.TypeAsync("+");
        await Expect(canvas).ToHaveAttributeAsync("data-zoom", "1.500");
        var box = (await canvas.BoundingBoxAsync())!;
        await p.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await p.Mouse.WheelAsync(0, -300);
        await Expect(canvas).Not.ToHaveAttributeAsync("data-zoom", "1.500");
        Assert.True(double.Parse((await canvas.GetAttributeAsync("data-zoom"))!, CultureInfo.InvariantCulture) > 1.5);
        await canvas.FocusAsync();
        await p.Keyboard.PressAsync("0");
        await Expect(canvas).ToHaveAttributeAsync("data-zoom", "1.000");

        // Hover: the pointer on a sound's point (found by its colour among the canvas's pixels) shows its preview, and
        // a click opens the document.
        var dot = await PixelAtAsync(p, "--audio");
        await p.Mouse.MoveAsync(box.X + dot[0], box.Y + dot[1]);
        var tooltip = p.Locator("#map-tooltip");
        await Expect(tooltip).ToBeVisibleAsync();
        await Expect(tooltip.Locator(".map-tip-kind")).ToContainTextAsync("Audio");
        // Its title: the result's, or the document's own from the API a moment later, never the placeholder.
        await Expect(tooltip.Locator(".map-tip-title")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Document \d+$"));
        await p.Mouse.ClickAsync(box.X + dot[0], box.Y + dot[1]);
        await Expect(p.Locator("#detail")).ToBeVisibleAsync();
        Assert.Contains("doc=", p.Url, StringComparison.Ordinal);
        await p.Keyboard.PressAsync("Escape");
        await Expect(p.Locator("#detail")).ToBeHiddenAsync();
        await Expect(p.Locator("#map-view")).ToBeVisibleAsync();

        // A Shift-drag around the left half of the map: the points left of the layout's middle (at least the leftmost
        // one, never the rightmost).
        var search = p.WaitForRequestAsync(r => r.Url.Contains("/api/search", StringComparison.Ordinal) && r.Method == "POST");
        var answer = p.WaitForResponseAsync(r => r.Url.Contains("/api/search", StringComparison.Ordinal) && r.Request.Method == "POST");
        await p.Keyboard.DownAsync("Shift");
        await p.Mouse.MoveAsync(box.X + 3, box.Y + 3);
        await p.Mouse.DownAsync();
        foreach (var (x, y) in new[] { (box.Width / 2, 3f), (box.Width / 2, box.Height / 2), (box.Width / 2, box.Height - 3), (3f, box.Height - 3), (3f, 6f) })
        {
            await p.Mouse.MoveAsync(box.X + x, box.Y + y, new() { Steps = 8 });
        }

        await p.Mouse.UpAsync();
        await p.Keyboard.UpAsync("Shift");
        var chip = p.Locator("#documents-chip");
        await Expect(chip).ToBeVisibleAsync();
        var picked = new Uri(p.Url).Query.TrimStart('?').Split('&').Single(s => s.StartsWith("documents=", StringComparison.Ordinal))["documents=".Length..]
            .Split("%2C").Select(long.Parse).ToHashSet();
        Assert.InRange(picked.Count, 1, Documents - 1);
        await Expect(chip).ToContainTextAsync($"{picked.Count} document");
        await Expect(canvas).ToHaveAttributeAsync("data-selected", picked.Count.ToString(CultureInfo.InvariantCulture));

        // The next search (the one on screen, run again) asks only among the lassoed documents, and gets only them.
        var sent = JsonDocument.Parse((await search).PostData!).RootElement;
        Assert.Equal(picked.Order(), sent.GetProperty("filter").GetProperty("id").GetProperty("in").EnumerateArray().Select(v => v.GetInt64()).Order());
        var found = JsonDocument.Parse(await (await answer).TextAsync()).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(Math.Min(K, picked.Count), found.Count);
        Assert.All(found, id => Assert.Contains(id, picked));
        await Expect(canvas).ToHaveAttributeAsync("data-highlighted", found.Count.ToString(CultureInfo.InvariantCulture));
        var shot = await page.ScreenshotAsync("map-desktop");
        File.Copy(shot, Path.Combine(RepositoryFolders.Root, "docs", "map-view.png"), overwrite: true);

        // The chip's × searches the whole collection again.
        var unfiltered = p.WaitForResponseAsync(r => r.Url.Contains("/api/search", StringComparison.Ordinal));
        await chip.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(chip).ToBeHiddenAsync();
        Assert.Equal(K, JsonDocument.Parse(await (await unfiltered).TextAsync()).RootElement.GetProperty("results").GetArrayLength());
        Assert.DoesNotContain("documents=", p.Url, StringComparison.Ordinal);

        // Escape on the map closes it: the result list is back.
        await canvas.FocusAsync();
        await p.Keyboard.PressAsync("Escape");
        await Expect(p.Locator("#results")).ToBeVisibleAsync();
        await Expect(p.Locator("#map-view")).ToBeHiddenAsync();
        Assert.DoesNotContain("view=map", p.Url, StringComparison.Ordinal);
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task At_phone_width_the_map_fits_and_works_by_keyboard_with_the_lasso_button()
    {
        await using var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Phone);
        var p = page.Page;
        await p.GotoAsync($"/?collection={site.Collection}&view=map");
        var canvas = await ReadyMapAsync(p);
        await Expect(canvas).ToHaveAttributeAsync("data-points", Documents.ToString(CultureInfo.InvariantCulture));
        Assert.True(await p.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at phone width");
        Assert.True((await canvas.BoundingBoxAsync())!.Width <= Viewport.Phone.Width);
        await Expect(canvas).ToHaveAttributeAsync("role", "application");
        await Expect(canvas).ToHaveAttributeAsync("tabindex", "0");

        // Keys: + and − zoom, arrows pan (the points move, so fewer stay in view after enough steps).
        await canvas.FocusAsync();
        await p.Keyboard.TypeAsync("+");
        await Expect(canvas).ToHaveAttributeAsync("data-zoom", "1.500");
        await p.Keyboard.TypeAsync("-");
        await Expect(canvas).ToHaveAttributeAsync("data-zoom", "1.000");
        for (var i = 0; i < 12; i++)
        {
            await p.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(canvas).Not.ToHaveAttributeAsync("data-points", Documents.ToString(CultureInfo.InvariantCulture));
        await p.Keyboard.PressAsync("0");
        await Expect(canvas).ToHaveAttributeAsync("data-points", Documents.ToString(CultureInfo.InvariantCulture));

        // A pinch (two touches moving apart, sent as the touch screen sends them) zooms in by about their spread.
        var box = (await canvas.BoundingBoxAsync())!;
        var (cx, cy) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        var devtools = await p.Context.NewCDPSessionAsync(p);
        Task Touch(string type, params (double X, double Y)[] at) => devtools.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type,
            ["touchPoints"] = at.Select((t, i) => new Dictionary<string, object> { ["x"] = t.X, ["y"] = t.Y, ["id"] = i }).ToArray(),
        });
        await Touch("touchStart", (cx - 30, cy), (cx + 30, cy));
        for (var step = 1; step <= 6; step++)
        {
            await Touch("touchMove", (cx - 30 - 15 * step, cy), (cx + 30 + 15 * step, cy));
        }

        await Touch("touchEnd");
        var pinched = double.Parse((await canvas.GetAttributeAsync("data-zoom"))!, CultureInfo.InvariantCulture);
        Assert.InRange(pinched, 2.5, 4.5); // spread 60 px → 240 px: 4×, less what the first move's threshold keeps
        await canvas.FocusAsync();
        await p.Keyboard.PressAsync("0");
        await Expect(canvas).ToHaveAttributeAsync("data-zoom", "1.000");

        // The Lasso button, then Enter: the documents in view are picked.
        await p.Locator("#map-lasso").ClickAsync();
        await Expect(p.Locator("#map-lasso")).ToHaveAttributeAsync("aria-pressed", "true");
        await canvas.FocusAsync();
        await p.Keyboard.PressAsync("Enter");
        await Expect(p.Locator("#documents-chip")).ToContainTextAsync($"{Documents} documents from the map");
        await page.ScreenshotAsync("map-phone");
        Assert.True(await p.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the chip makes the page scroll sideways");
        // With the chip there, the Map button is still in sight (the toolbar wraps rather than scrolls).
        var toggle = (await p.Locator("#map-toggle").BoundingBoxAsync())!;
        Assert.True(toggle.X >= 0 && toggle.X + toggle.Width <= Viewport.Phone.Width, $"the Map button is off screen at x = {toggle.X}");

        // Escape leaves lasso mode first, then closes the map.
        await p.Keyboard.PressAsync("Escape");
        await Expect(p.Locator("#map-lasso")).ToHaveAttributeAsync("aria-pressed", "false");
        await p.Keyboard.PressAsync("Escape");
        await Expect(p.Locator("#map-view")).ToBeHiddenAsync();
        Assert.Empty(page.ScriptErrors);
    }

    /// <summary>
    /// Waits for the map to be drawn. The first time in this class the collection has no layout yet: the API answers 202
    /// with Retry-After (5 s), and the page says it is laying the map out until its next try gets the map.
    /// </summary>
    private static async Task<ILocator> ReadyMapAsync(IPage page)
    {
        var canvas = page.Locator("#map-canvas");
        if (Interlocked.Increment(ref s_mapsOpened) == 1)
        {
            await Expect(page.Locator("#map-message")).ToContainTextAsync("Laying out the map");
            await Expect(canvas).ToHaveAttributeAsync("data-state", "pending");
        }

        await Expect(canvas).ToHaveAttributeAsync("data-state", "ready", LayoutPatience);
        return canvas;
    }

    /// <summary>Where (CSS pixels in the canvas) the first pixel of a design token's colour is, scanning row by row.</summary>
    private static Task<float[]> PixelAtAsync(IPage page, string token) => page.EvaluateAsync<float[]>("""
        token => {
          const canvas = document.getElementById('map-canvas');
          const probe = document.createElement('canvas').getContext('2d');
          probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue(token).trim();
          probe.fillRect(0, 0, 1, 1);
          const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i] === r && data[i + 1] === g && data[i + 2] === b) {
              const at = i / 4;
              // The first pixel found is a dot's top row: a few pixels lower is its middle.
              return [(at % canvas.width) / devicePixelRatio, Math.floor(at / canvas.width) / devicePixelRatio + 3];
            }
          }
          throw new Error(`no pixel of ${token}`);
        }
        """, token);

    /// <summary>How many of the canvas's pixels are exactly the colour of a design token (as the map reads it).</summary>
    private static Task<int> PixelsOfAsync(IPage page, string token) => page.EvaluateAsync<int>("""
        token => {
          const canvas = document.getElementById('map-canvas');
          const probe = document.createElement('canvas').getContext('2d');
          probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue(token).trim();
          probe.fillRect(0, 0, 1, 1);
          const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let count = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) count += 1;
          return count;
        }
        """, token);
}
