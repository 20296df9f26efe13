using System.Globalization;
using Microsoft.Playwright;
using SearchEngine.Web.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// The moments of a video result: its open view shows a timeline with a mark at each matched segment (from the API's
/// <c>moments</c>), and clicking a mark plays the video from that second. Real API, real indexed videos, real Chromium.
/// </summary>
public sealed class TimelineTests(MomentsSite site, ChromiumFixture chromium) : IClassFixture<MomentsSite>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Clicking_a_mark_on_the_timeline_plays_the_video_from_that_moment()
    {
        await using var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Desktop);
        var p = page.Page;
        await p.GotoAsync($"/?collection={MomentsSite.Collection}&q=seagulls circle over the nets on the pier");
        await Expect(p.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        var harbour = p.Locator($".result[data-uri$='/{MomentsSite.Harbour}']");
        // Its tile shows the moments as ticks already; the open result makes them buttons.
        await Expect(harbour.Locator(".tile-moment").First).ToBeAttachedAsync();
        await harbour.ClickAsync();

        var marks = p.Locator("#detail .moments .moment");
        await Expect(marks.First).ToBeVisibleAsync();
        var count = await marks.CountAsync();
        Assert.InRange(count, 1, 12);
        var starts = new List<double>();
        foreach (var mark in await marks.AllAsync())
        {
            starts.Add(double.Parse((await mark.GetAttributeAsync("data-start"))!, CultureInfo.InvariantCulture));
        }

        Assert.Equal(starts.Order(), starts);
        Assert.All(starts, s => Assert.InRange(s, 0, MomentsSite.Seconds));

        // Once the player knows its media, a mark away from where it stands: it plays from there.
        await p.WaitForFunctionAsync("() => { const v = document.querySelector('#detail video'); return v && v.readyState >= 1; }");
        var standing = await p.EvaluateAsync<double>("() => document.querySelector('#detail video').currentTime");
        var target = starts.Select((s, i) => (Start: s, Index: i)).OrderByDescending(m => Math.Abs(m.Start - standing)).First();
        await marks.Nth(target.Index).ClickAsync();

        await p.WaitForFunctionAsync(
            "at => { const v = document.querySelector('#detail video'); return v && v.currentTime >= at - 0.05 && v.currentTime < at + 1.5; }",
            target.Start, new() { Timeout = 20_000 });
        await page.ScreenshotAsync("moments-desktop");
        Assert.Empty(page.ScriptErrors);
    }
}
