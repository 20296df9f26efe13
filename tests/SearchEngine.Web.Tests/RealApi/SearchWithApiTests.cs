using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SearchEngine.Web.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// The page against the real query API and a small indexed collection: text search finds the expected image,
/// images and sounds search by example, modality tabs narrow the results, a result opens with its preview and
/// "more like this", a query that matches nothing well says so, and the API's own error message reaches the person. Abstract until a site exists:
/// a sealed subclass naming an <see cref="IndexedCollectionSite"/> makes xunit run it (see README.md here).
/// The subclass also declares <c>IClassFixture&lt;ChromiumFixture&gt;</c>: C# does not let a generic class implement
/// IClassFixture twice, since the two could be the same type.
/// </summary>
public abstract class SearchWithApiTests<TSite>(TSite site, ChromiumFixture chromium) : IClassFixture<TSite>
    where TSite : IndexedCollectionSite
{
    private const string Results = ".result";
    private const string Openable = ".tile, .text-card, .row-title";

    private async Task<BrowserPage> OpenAsync(Viewport viewport, string query = "")
    {
        var page = await chromium.OpenAsync(site.BaseUrl, viewport);
        await page.Page.GotoAsync($"/?collection={Uri.EscapeDataString(site.Collection)}{query}");
        await Expect(page.Page.Locator("#collection")).ToHaveValueAsync(site.Collection);
        return page;
    }

    private static async Task SearchForAsync(IPage page, string words)
    {
        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" });
        await box.FillAsync(words);
        await box.PressAsync("Enter");
        await WaitForResultsAsync(page);
    }

    private static async Task WaitForResultsAsync(IPage page)
    {
        await Expect(page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(page.Locator(Results).First).ToBeVisibleAsync();
    }

    private static Task<string[]> AttributeOfResultsAsync(IPage page, string name) =>
        page.Locator(Results).EvaluateAllAsync<string[]>($"els => els.map(e => e.dataset.{name} ?? '')");

    [Fact]
    public async Task A_text_query_ranks_the_expected_image_near_the_top()
    {
        foreach (var viewport in new[] { Viewport.Desktop, Viewport.Phone })
        {
            await using var page = await OpenAsync(viewport);
            await SearchForAsync(page.Page, site.TextMatch.Query);

            var uris = await AttributeOfResultsAsync(page.Page, "uri");
            var top = uris.Take(site.TextMatch.Within).ToList();
            Assert.Contains(top, uri => uri.EndsWith(site.TextMatch.FileName, StringComparison.Ordinal));
            await Expect(page.Page).ToHaveURLAsync(new Regex("q=" + Regex.Escape(Uri.EscapeDataString(site.TextMatch.Query).Replace("%20", "+", StringComparison.Ordinal))));
            await Expect(page.Page.Locator(".tile img").First).ToHaveJSPropertyAsync("complete", true);
            await page.ScreenshotAsync($"results-{viewport.Name}");
            Assert.Empty(page.ScriptErrors);
        }
    }

    [Fact]
    public async Task An_uploaded_image_searches_by_example()
    {
        await using var page = await OpenAsync(Viewport.Desktop);

        await page.Page.Locator("#file").SetInputFilesAsync(site.ExampleImagePath);

        await Expect(page.Page.Locator("#example-chip")).ToContainTextAsync(Path.GetFileName(site.ExampleImagePath));
        await Expect(page.Page).ToHaveURLAsync(new Regex("example=1"));
        await WaitForResultsAsync(page.Page);
        await Expect(page.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("things like");
        await page.ScreenshotAsync("example-image-desktop");
    }

    [Fact]
    public async Task An_uploaded_sound_finds_audio_that_starts_playing_at_the_matched_segment()
    {
        await using var page = await OpenAsync(Viewport.Desktop, "&modality=audio");

        await page.Page.Locator("#file").SetInputFilesAsync(site.ExampleAudioPath);
        await WaitForResultsAsync(page.Page);

        Assert.All(await AttributeOfResultsAsync(page.Page, "modality"), m => Assert.Equal("audio", m));
        var first = page.Page.Locator(Results).First;
        await Expect(first.Locator(".time-range")).ToBeVisibleAsync();
        await page.ScreenshotAsync("example-audio-desktop");

        var start = double.Parse(await first.GetAttributeAsync("data-start") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        await first.Locator(".row-title").ClickAsync();
        var player = page.Page.Locator("#detail audio");
        await Expect(player).ToBeVisibleAsync();
        await page.Page.WaitForFunctionAsync(
            "start => { const a = document.querySelector('#detail audio'); return a && a.readyState >= 1 && a.currentTime >= start - 0.05; }",
            start);
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task Switching_modality_asks_the_api_for_that_kind_only()
    {
        await using var page = await OpenAsync(Viewport.Desktop);
        await SearchForAsync(page.Page, site.TextMatch.Query);

        var request = page.Page.WaitForRequestAsync(new Regex("/api/search\\?.*modality=image"));
        await page.Page.GetByRole(AriaRole.Tab, new() { Name = "Images" }).ClickAsync();
        await request;
        await WaitForResultsAsync(page.Page);
        Assert.All(await AttributeOfResultsAsync(page.Page, "modality"), m => Assert.Equal("image", m));

        await page.Page.GetByRole(AriaRole.Tab, new() { Name = "Audio" }).ClickAsync();
        await Expect(page.Page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        Assert.All(await AttributeOfResultsAsync(page.Page, "modality"), m => Assert.Equal("audio", m));
    }

    [Fact]
    public async Task Opening_a_result_shows_a_large_preview_its_details_and_more_like_this()
    {
        foreach (var viewport in new[] { Viewport.Desktop, Viewport.Phone })
        {
            await using var page = await OpenAsync(viewport, "&modality=image");
            await SearchForAsync(page.Page, site.TextMatch.Query);
            var id = await page.Page.Locator(Results).First.GetAttributeAsync("data-id");

            await page.Page.Locator(Openable).First.ClickAsync();
            var dialog = page.Page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(page.Page).ToHaveURLAsync(new Regex($"doc={Regex.Escape(id!)}"));
            await Expect(dialog.Locator(".detail-media img")).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await dialog.Locator(".detail-media img").EvaluateAsync<int>("img => img.naturalWidth") > 0, "The preview image did not load.");
            await Expect(dialog.Locator(".meta")).ToContainTextAsync(id!);
            await page.ScreenshotAsync($"detail-{viewport.Name}");

            await page.Page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(page.Page).Not.ToHaveURLAsync(new Regex("doc="));

            await page.Page.Locator(Openable).First.ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "More like this" }).ClickAsync();
            await Expect(page.Page).ToHaveURLAsync(new Regex($"like={Regex.Escape(id!)}"));
            await ShowEvenWithoutACloseMatchAsync(page.Page);
            await WaitForResultsAsync(page.Page);
        }
    }

    /// <summary>
    /// Waits for the search to finish and, when the page found no close match (a calibrated pack judged even the best
    /// hit unlikely to be relevant, as "more like this" among the few unrelated photos of a small collection can be),
    /// asks for the results anyway.
    /// </summary>
    private static async Task ShowEvenWithoutACloseMatchAsync(IPage page)
    {
        await Expect(page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        var noCloseMatch = page.GetByRole(AriaRole.Heading, new() { Name = "No close match" });
        if (await noCloseMatch.CountAsync() > 0)
        {
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("anyway") }).ClickAsync();
        }
    }

    [Fact]
    public async Task A_query_that_matches_nothing_well_says_no_close_match_and_a_good_one_lists_its_matches()
    {
        await using var page = await OpenAsync(Viewport.Desktop);
        var box = page.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" });
        await box.FillAsync(site.UnmatchedQuery);
        await box.PressAsync("Enter");
        await Expect(page.Page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");

        // Nothing is presented as a match: a clear state, the weaker results one click away.
        var noCloseMatch = page.Page.GetByRole(AriaRole.Heading, new() { Name = "No close match" });
        await Expect(noCloseMatch).ToBeVisibleAsync();
        await Expect(page.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("No close match");
        await Expect(page.Page.Locator(Results)).ToHaveCountAsync(0);
        await page.ScreenshotAsync("no-close-match-desktop");

        await page.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("anyway") }).ClickAsync();
        await Expect(page.Page.Locator(Results).First).ToBeVisibleAsync();
        await Expect(page.Page.GetByRole(AriaRole.Note)).ToContainTextAsync("None of these is a close match");

        // A good query: its results are listed as matches, each with its estimated relevance on its badge.
        await SearchForAsync(page.Page, site.TextMatch.Query);
        await Expect(noCloseMatch).ToHaveCountAsync(0);
        await Expect(page.Page.GetByRole(AriaRole.Note)).ToHaveCountAsync(0);
        var relevances = await AttributeOfResultsAsync(page.Page, "relevance");
        Assert.All(relevances, r => Assert.InRange(double.Parse(r, System.Globalization.CultureInfo.InvariantCulture), 0, 1));
        await Expect(page.Page.Locator(".score.relevance").First).ToHaveTextAsync(new Regex("^(<1|[0-9]{1,2})%$"));
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task Results_are_reachable_by_keyboard_alone()
    {
        await using var page = await OpenAsync(Viewport.Desktop, "&modality=image");
        await SearchForAsync(page.Page, site.TextMatch.Query);
        var tiles = page.Page.Locator(".tile");
        await tiles.First.FocusAsync();

        await page.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(tiles.Nth(1)).ToBeFocusedAsync();
        var columns = await tiles.EvaluateAllAsync<int>("els => els.filter(e => Math.abs(e.getBoundingClientRect().top - els[0].getBoundingClientRect().top) < 2).length");
        if (await tiles.CountAsync() > columns + 1)
        {
            await page.Page.Keyboard.PressAsync("ArrowDown");
            await Expect(tiles.Nth(columns + 1)).ToBeFocusedAsync();
        }

        await page.Page.Keyboard.PressAsync("Enter");
        await Expect(page.Page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.Page.Keyboard.PressAsync("Escape");
        await Expect(page.Page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_minimum_relevance_in_the_link_hides_the_weaker_results_and_says_how_many()
    {
        // A minimum between the query's best and worst hit (asked of the API itself), so some results go and some stay.
        using var http = new HttpClient { BaseAddress = site.BaseUrl };
        var query = Uri.EscapeDataString(site.TextMatch.Query);
        using var all = JsonDocument.Parse(await http.GetStringAsync(new Uri($"api/search?collection={Uri.EscapeDataString(site.Collection)}&q={query}&k=24", UriKind.Relative)));
        var relevances = all.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("relevance").GetDouble()).Order().ToList();
        var minimum = Math.Round((relevances[0] + relevances[^1]) / 2, 2);

        await using var page = await OpenAsync(Viewport.Desktop, $"&q={query}&min_relevance={minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        await WaitForResultsAsync(page.Page);
        Assert.All(await AttributeOfResultsAsync(page.Page, "relevance"),
            r => Assert.True(double.Parse(r, System.Globalization.CultureInfo.InvariantCulture) >= minimum));
        var status = page.Page.GetByRole(AriaRole.Status);
        await Expect(status).ToContainTextAsync("hidden");

        await status.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Page).Not.ToHaveURLAsync(new Regex("min_relevance"));
        await WaitForResultsAsync(page.Page);
        await Expect(page.Page.Locator(Results)).ToHaveCountAsync(relevances.Count);
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task An_api_error_reaches_the_person_in_the_apis_own_words()
    {
        // An operator the filter language does not have: the API answers with problem details, and the page must
        // show their detail, whatever the API's wording is.
        var filter = Uri.EscapeDataString("{\"width\":{\"nearly\":100}}");
        var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Desktop);
        await using var _ = page;
        var answer = page.Page.WaitForResponseAsync(r => r.Url.Contains("/api/search", StringComparison.Ordinal));
        await page.Page.GotoAsync($"/?collection={Uri.EscapeDataString(site.Collection)}&q=dogs&filter={filter}");

        var response = await answer;
        Assert.InRange(response.Status, 400, 499);
        using var problem = JsonDocument.Parse(await response.TextAsync());
        var message = problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } d
            ? d
            : problem.RootElement.GetProperty("title").GetString()!;
        var alert = page.Page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Search failed");
        await Expect(alert).ToContainTextAsync(message);
        await page.ScreenshotAsync("api-error-desktop");
    }
}
