using Microsoft.Playwright;
using SearchEngine.Web.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// Later pages of results, in real Chromium against the real API's cursors: scrolling to the end of the results loads
/// the next page and appends it, and a keyboard user's "Load more results" does the same; no card is shown twice, and
/// at the last page the control goes away.
/// </summary>
public sealed class PagingTests(HalvesSite site, ChromiumFixture chromium) : IClassFixture<HalvesSite>, IClassFixture<ChromiumFixture>
{
    // Short, so that a page of results reaches below the fold and the next page waits for scrolling.
    private static readonly Viewport Short = new("short", 1280, 320, IsPhone: false);

    private const int PageSize = 4;

    private async Task<BrowserPage> OpenAsync()
    {
        var page = await chromium.OpenAsync(site.BaseUrl, Short);
        await page.Page.GotoAsync($"/?collection={HalvesSite.Collection}&q=a dog on the grass&k={PageSize}");
        await Expect(page.Page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(page.Page.Locator(".result")).ToHaveCountAsync(PageSize);
        return page;
    }

    [Fact]
    public async Task Scrolling_to_the_end_loads_every_page_once_and_then_stops()
    {
        await using var page = await OpenAsync();
        var p = page.Page;
        var cursors = new List<string>();
        p.Request += (_, request) =>
        {
            if (request.Url.Contains("cursor=", StringComparison.Ordinal))
            {
                cursors.Add(request.Url);
            }
        };

        // Nothing below the fold was asked for before scrolling.
        await p.WaitForTimeoutAsync(500);
        Assert.Empty(cursors);
        await Expect(p.Locator(".result")).ToHaveCountAsync(PageSize);

        // Each scroll to the end brings at least one more page (two when the appended page still ends in view).
        for (var scrolls = 0; await p.Locator(".load-more").CountAsync() > 0; scrolls++)
        {
            Assert.True(scrolls < 6, "scrolling did not reach the last page");
            var before = await p.Locator(".result").CountAsync();
            await p.Mouse.WheelAsync(0, 4000);
            // Scrolled to the very end while waiting too: a wheel's smooth scroll can still be under way as a page lands.
            // The last page may also have landed between the loop's check and the count above (the end is then reached
            // with no more cards to come).
            await p.WaitForFunctionAsync("""
                n => {
                  window.scrollTo(0, document.documentElement.scrollHeight);
                  const more = document.querySelector('.load-more');
                  return (document.querySelectorAll('.result').length > n || !more) && !more?.querySelector('button[aria-disabled="true"]');
                }
                """, before);
        }

        var ids = await p.Locator(".result").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.id)");
        Assert.Equal(HalvesSite.Documents, ids.Length);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        await Expect(p.Locator(".load-more")).ToHaveCountAsync(0);
        Assert.Equal(3, cursors.Count); // pages 2, 3 and 4: 4 + 4 + 4 + 1
        await Expect(p.Locator("#status")).ToContainTextAsync($"{HalvesSite.Documents} results for");
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task A_keyboard_user_loads_the_next_page_with_the_load_more_button()
    {
        await using var page = await OpenAsync();
        var p = page.Page;
        var firstPage = await p.Locator(".result").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.id)");
        var more = p.GetByRole(AriaRole.Button, new() { Name = "Load more results" });
        await more.FocusAsync();
        await p.Keyboard.PressAsync("Enter");

        // Focus goes on to the first card of the new page, or an audio row's title (which may bring the end in view, and
        // another page with it).
        await p.WaitForFunctionAsync("() => document.activeElement?.closest('.result') != null");
        var focused = await p.EvaluateAsync<string>("() => document.activeElement.closest('.result').dataset.id");
        Assert.DoesNotContain(focused, firstPage);
        var ids = await p.Locator(".result").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.id)");
        Assert.InRange(ids.Length, 2 * PageSize, HalvesSite.Documents);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Empty(page.ScriptErrors);
    }
}
