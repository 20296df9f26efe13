using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SearchEngine.Web.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// The page says which kind of match each result is and plays a moment from its second: a clip of a video's sound
/// found by its fingerprint ("Exact match at 0:12"), and a subtitle line found by its words ("Said at 0:17"). Real
/// query API, real indexed videos, real Chromium.
/// </summary>
public sealed class MomentTests(MomentsSite site, ChromiumFixture chromium) : IClassFixture<MomentsSite>, IClassFixture<ChromiumFixture>
{
    private async Task<BrowserPage> OpenAsync(string query)
    {
        var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Desktop);
        await page.Page.GotoAsync($"/?collection={MomentsSite.Collection}{query}");
        await Expect(page.Page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(page.Page.Locator(".result").First).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Waits until the open result's player has its media and stands within a second after <paramref name="second"/>.</summary>
    private static Task WaitForPlayerAtAsync(IPage page, double second) => page.WaitForFunctionAsync(
        "at => { const v = document.querySelector('#detail video, #detail audio'); return v && v.readyState >= 1 && v.currentTime >= at - 0.05 && v.currentTime < at + 1; }",
        second, new() { Timeout = 20_000 });

    [Fact]
    public async Task A_clip_of_a_videos_sound_is_an_exact_match_at_its_second_and_plays_from_there()
    {
        // 4 s of the harbour video's sound from 12.5 s, as WAV at another rate: the page must say 0:12 and play from 12.5.
        const double Offset = 12.5;
        var clip = site.CutSound(MomentsSite.Harbour, Offset, 4);
        await using var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Desktop);
        await page.Page.GotoAsync($"/?collection={MomentsSite.Collection}");
        await Expect(page.Page.Locator("#collection")).ToHaveValueAsync(MomentsSite.Collection);

        await page.Page.Locator("#file").SetInputFilesAsync(clip);
        await Expect(page.Page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(page.Page.Locator(".result").First).ToBeVisibleAsync();

        var first = page.Page.Locator(".result").First;
        await Expect(first).ToHaveAttributeAsync("data-uri", new Regex(Regex.Escape(MomentsSite.Harbour) + "$"));
        await Expect(first).ToHaveAttributeAsync("data-match", "exact");
        var exact = first.Locator(".match-label.match-exact");
        await Expect(exact).ToHaveTextAsync("Exact match at 0:12");
        await Expect(exact).ToBeVisibleAsync();
        var at = double.Parse((await first.GetAttributeAsync("data-at"))!, CultureInfo.InvariantCulture);
        Assert.InRange(at, Offset - 0.15, Offset + 0.15);
        // One exact match; every other result says it is a similar one.
        await Expect(page.Page.Locator(".result[data-match='exact']")).ToHaveCountAsync(1);
        foreach (var label in await page.Page.Locator(".result:not([data-match='exact']) .match-label").AllTextContentsAsync())
        {
            Assert.Matches("^(Said at [0-9]+:[0-9]{2}|Sounds like|Looks like|Text match)$", label);
        }

        await first.ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator(".match")).ToContainTextAsync("Exact match at 0:12");
        await WaitForPlayerAtAsync(page.Page, at);
        await page.Page.Locator("#detail video").EvaluateAsync("v => { v.pause(); v.currentTime = 2; }");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Play from 0:12" }).ClickAsync();
        await WaitForPlayerAtAsync(page.Page, at);
        Assert.Empty(page.ScriptErrors);

        await page.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await page.ScreenshotAsync("exact-match-desktop");
    }

    [Fact]
    public async Task A_subtitle_line_says_when_it_is_said_and_the_video_plays_from_there()
    {
        var (file, start, _, text) = MomentsSite.Cues[1];
        await using var page = await OpenAsync($"&modality=video&q={Uri.EscapeDataString(text)}");

        var first = page.Page.Locator(".result").First;
        await Expect(first).ToHaveAttributeAsync("data-uri", new Regex(Regex.Escape(file) + "$"));
        await Expect(first).ToHaveAttributeAsync("data-match", "said");
        await Expect(first.Locator(".match-label")).ToHaveTextAsync("Said at 0:17");
        Assert.Equal(start, double.Parse((await first.GetAttributeAsync("data-at"))!, CultureInfo.InvariantCulture), 3);
        // Every result names its kind of match; the other video's best part is its own subtitles, a sound or a frame.
        foreach (var label in await page.Page.Locator(".result .match-label").AllTextContentsAsync())
        {
            Assert.Matches("^(Said at [0-9]+:[0-9]{2}|Sounds like|Looks like|Text match)$", label);
        }

        await page.ScreenshotAsync("moment-said-desktop");
        await first.ClickAsync();
        var dialog = page.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator(".match")).ToContainTextAsync("Said at 0:17");
        await WaitForPlayerAtAsync(page.Page, start);

        // Moved away, "Play from 0:17" brings it back to the line.
        await page.Page.Locator("#detail video").EvaluateAsync("v => { v.pause(); v.currentTime = 1; }");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Play from 0:17" }).ClickAsync();
        await WaitForPlayerAtAsync(page.Page, start);
        await page.ScreenshotAsync("moment-said-detail-desktop");
        Assert.Empty(page.ScriptErrors);
    }
}
