using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SearchEngine.Web.Tests.Browser;
using SearchEngine.Web.Tests.Site;
using static Microsoft.Playwright.Assertions;

namespace SearchEngine.Web.Tests;

/// <summary>
/// The page on its own, served with no query API behind it: it must load cleanly, tell the person the service is
/// not there (never a blank page), keep its state in the URL, work by keyboard and fit a phone.
/// </summary>
public sealed class PageWithoutApiTests(PageOnlySite site, ChromiumFixture chromium)
    : IClassFixture<PageOnlySite>, IClassFixture<ChromiumFixture>
{
    private async Task<BrowserPage> OpenAsync(string path, Viewport viewport)
    {
        var page = await chromium.OpenAsync(site.BaseUrl, viewport);
        await page.Page.GotoAsync(path);
        // The page has settled once it has heard back about the collections: here, that they are unavailable.
        await Expect(page.Page.Locator("#collection")).ToHaveTextAsync("Unavailable");
        return page;
    }

    [Fact]
    public async Task Page_loads_its_assets_and_shows_the_search_box_and_modality_tabs()
    {
        var failedAssets = new List<string>();
        var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Desktop);
        await using var _ = page;
        page.Page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.Contains("/api/", StringComparison.Ordinal))
            {
                failedAssets.Add($"{response.Status} {response.Url}");
            }
        };

        await page.Page.GotoAsync("/");
        await Expect(page.Page.Locator("#collection")).ToHaveTextAsync("Unavailable");

        await Expect(page.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" })).ToBeVisibleAsync();
        var tabs = page.Page.GetByRole(AriaRole.Tab);
        await Expect(tabs).ToHaveTextAsync(["All", "Images", "Audio", "Video", "Text"]);
        await Expect(page.Page.GetByRole(AriaRole.Tab, new() { Name = "All" })).ToHaveAttributeAsync("aria-selected", "true");
        Assert.Empty(failedAssets);
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task Without_the_api_the_page_explains_what_is_wrong_and_offers_a_retry()
    {
        foreach (var viewport in new[] { Viewport.Desktop, Viewport.Phone })
        {
            await using var page = await OpenAsync("/", viewport);

            var alert = page.Page.GetByRole(AriaRole.Alert);
            await Expect(alert).ToContainTextAsync("Could not load the collections");
            await Expect(alert).ToContainTextAsync("404");
            await Expect(page.Page.Locator("#collection")).ToBeDisabledAsync();
            await Expect(page.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("not available");
            await page.ScreenshotAsync($"no-api-{viewport.Name}");

            var retried = page.Page.WaitForRequestAsync(new Regex("/api/collections$"));
            await alert.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
            await retried;
            await Expect(alert).ToContainTextAsync("Could not load the collections");
            Assert.Empty(page.ScriptErrors);
        }
    }

    [Fact]
    public async Task A_failed_search_shows_the_services_answer_in_an_alert_not_a_blank_page()
    {
        await using var page = await OpenAsync("/", Viewport.Desktop);
        var before = site.ApiRequests.Count;

        await page.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("a red bicycle");
        await page.Page.Keyboard.PressAsync("Enter");

        var sent = await site.WaitForApiRequestAsync(before, r => r.Path == "/api/search");
        Assert.Equal("GET", sent.Method);
        Assert.Equal("?q=a+red+bicycle&k=24&rerank=true", sent.Query);

        var alert = page.Page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Search failed");
        await Expect(alert).ToContainTextAsync("answered 404");
        await Expect(alert.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToBeVisibleAsync();
        await Expect(page.Page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
    }

    [Fact]
    public async Task The_url_carries_the_search_and_back_and_forward_restore_it()
    {
        await using var page = await OpenAsync("/?q=red+bicycle&modality=image&rerank=false", Viewport.Desktop);
        var p = page.Page;
        var search = p.GetByRole(AriaRole.Searchbox, new() { Name = "Search" });

        // A shared link opens the same search.
        await Expect(search).ToHaveValueAsync("red bicycle");
        await Expect(p.GetByRole(AriaRole.Tab, new() { Name = "Images" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(p.GetByRole(AriaRole.Switch, new() { Name = "Rerank" })).Not.ToBeCheckedAsync();

        // New words and another modality each become a history entry.
        await search.FillAsync("dogs on a beach");
        await search.PressAsync("Enter");
        await Expect(p).ToHaveURLAsync(new Regex(@"\?q=dogs\+on\+a\+beach&modality=image&rerank=false$"));
        await p.GetByRole(AriaRole.Tab, new() { Name = "Audio" }).ClickAsync();
        await Expect(p).ToHaveURLAsync(new Regex("modality=audio"));

        await p.GoBackAsync();
        await Expect(p.GetByRole(AriaRole.Tab, new() { Name = "Images" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(search).ToHaveValueAsync("dogs on a beach");

        await p.GoBackAsync();
        await Expect(search).ToHaveValueAsync("red bicycle");
        await Expect(p).ToHaveURLAsync(new Regex(@"\?q=red\+bicycle&modality=image&rerank=false$"));

        await p.GoForwardAsync();
        await Expect(search).ToHaveValueAsync("dogs on a beach");
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task On_a_phone_nothing_spills_sideways()
    {
        await using var page = await OpenAsync(
            "/?q=" + Uri.EscapeDataString("a very long query about children playing in a fountain on a hot summer afternoon"),
            Viewport.Phone);
        var p = page.Page;
        await Expect(p.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await p.GetByRole(AriaRole.Button, new() { Name = "Filters" }).ClickAsync();
        await Expect(p.Locator("#filters")).ToBeVisibleAsync();

        var widths = await p.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]} px wide in a {widths[1]} px viewport.");
        await page.ScreenshotAsync("no-api-phone-filters", fullPage: true);
    }

    [Fact]
    public async Task Slash_jumps_to_the_search_box_and_types_normally_inside_it()
    {
        await using var page = await OpenAsync("/", Viewport.Desktop);
        var p = page.Page;
        var search = p.GetByRole(AriaRole.Searchbox, new() { Name = "Search" });
        await p.GetByRole(AriaRole.Tab, new() { Name = "Video" }).FocusAsync();

        await p.Keyboard.PressAsync("/");
        await Expect(search).ToBeFocusedAsync();
        await p.Keyboard.TypeAsync("AC/DC");
        await Expect(search).ToHaveValueAsync("AC/DC");
    }

    [Fact]
    public async Task Arrow_keys_move_between_modality_tabs_and_select_them()
    {
        await using var page = await OpenAsync("/?q=rain", Viewport.Desktop);
        var p = page.Page;
        await p.GetByRole(AriaRole.Tab, new() { Name = "All" }).FocusAsync();

        await p.Keyboard.PressAsync("ArrowRight");
        await Expect(p.GetByRole(AriaRole.Tab, new() { Name = "Images" })).ToBeFocusedAsync();
        await Expect(p.GetByRole(AriaRole.Tab, new() { Name = "Images" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(p).ToHaveURLAsync(new Regex("modality=image"));
        await p.Keyboard.PressAsync("End");
        await Expect(p.GetByRole(AriaRole.Tab, new() { Name = "Text" })).ToHaveAttributeAsync("aria-selected", "true");
    }

    [Fact]
    public async Task A_file_that_is_neither_picture_nor_sound_is_refused_with_a_reason()
    {
        await using var page = await OpenAsync("/", Viewport.Desktop);

        await page.Page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "notes.txt",
            MimeType = "text/plain",
            Buffer = "not an image"u8.ToArray(),
        });

        var alert = page.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "notes.txt" });
        await Expect(alert).ToContainTextAsync("is not an image, audio or video file");
        await Expect(page.Page).Not.ToHaveURLAsync(new Regex("example=1"));
    }

    [Fact]
    public async Task Invalid_filter_json_is_flagged_and_never_sent_while_valid_json_goes_into_the_url()
    {
        await using var page = await OpenAsync("/?q=dogs", Viewport.Desktop);
        var p = page.Page;
        await p.GetByRole(AriaRole.Button, new() { Name = "Filters" }).ClickAsync();
        var json = p.GetByRole(AriaRole.Textbox, new() { Name = "Advanced filter (JSON)" });

        await json.FillAsync("{\"width\": ");
        await Expect(json).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(p.Locator("#filter-json-error")).ToContainTextAsync("Not valid JSON");
        await p.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(p).Not.ToHaveURLAsync(new Regex("filter="));

        await json.FillAsync("{\"metadata.camera\": {\"in\": [\"a\", \"b\"]}}");
        await Expect(json).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await p.GetByLabel("Minimum width (px)").FillAsync("100");
        await p.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        await Expect(p).ToHaveURLAsync(new Regex("filter="));
        var filter = await p.EvaluateAsync<string>("() => new URLSearchParams(location.search).get('filter')");
        Assert.Equal("{\"width\":{\"gte\":100},\"metadata.camera\":{\"in\":[\"a\",\"b\"]}}", filter);
        await Expect(p.Locator("#filter-count")).ToHaveTextAsync("2");
    }

    [Fact]
    public async Task The_map_says_it_could_not_be_loaded_in_an_alert_whose_retry_asks_again()
    {
        await using var page = await OpenAsync("/?collection=photos&view=map", Viewport.Desktop);
        var p = page.Page;
        var alert = p.Locator("#map-message [role=alert]");
        await Expect(alert).ToContainTextAsync("Could not load the map");
        await Expect(alert).ToContainTextAsync("404");
        await Expect(p.Locator("#map-canvas")).ToHaveAttributeAsync("data-state", "error");

        var before = site.ApiRequests.Count;
        await alert.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        var again = await site.WaitForApiRequestAsync(before, r => r.Path == "/api/collections/photos/map");
        Assert.Equal("GET", again.Method);
        Assert.Empty(page.ScriptErrors);
    }
}
