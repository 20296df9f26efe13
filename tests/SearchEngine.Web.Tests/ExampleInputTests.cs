using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SearchEngine.Web.Tests.Browser;
using SearchEngine.Web.Tests.Site;
using static Microsoft.Playwright.Assertions;

namespace SearchEngine.Web.Tests;

/// <summary>
/// The ways to give an example (paste, drop, record) each send the file to the API as a multipart search. The page
/// is served without the API, so each search ends in the API-absent alert; what is checked is the request the page
/// made and what it shows meanwhile.
/// </summary>
public sealed class ExampleInputTests(PageOnlySite site, ChromiumFixture chromium)
    : IClassFixture<PageOnlySite>, IClassFixture<ChromiumFixture>
{
    // A 1×1 PNG: a real image, small enough to build inside the page.
    private const string PngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private async Task<BrowserPage> OpenAsync()
    {
        var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Desktop);
        await page.Page.GotoAsync("/");
        await Expect(page.Page.Locator("#collection")).ToHaveTextAsync("Unavailable");
        return page;
    }

    private async Task<ApiRequest> NextExampleSearchAsync(Func<Task> action)
    {
        var before = site.ApiRequests.Count;
        await action();
        var sent = await site.WaitForApiRequestAsync(before, r => r.Method == "POST" && r.Path == "/api/search");
        var file = Assert.Single(sent.Files);
        Assert.Equal("file", file.FieldName);
        Assert.True(file.Length > 0, "The example was sent empty.");
        return sent;
    }

    [Fact]
    public async Task Pasting_an_image_searches_by_it()
    {
        await using var page = await OpenAsync();

        var sent = await NextExampleSearchAsync(() => page.Page.EvaluateAsync(
            """
            base64 => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const data = new DataTransfer();
              data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
              document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
            }
            """, PngBase64));

        Assert.StartsWith("pasted-", sent.Files[0].FileName, StringComparison.Ordinal);
        Assert.Equal("image/png", sent.Files[0].ContentType);
        await Expect(page.Page.Locator("#example-chip img")).ToBeVisibleAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex("example=1"));
        await Expect(page.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Search failed");
    }

    [Fact]
    public async Task Dropping_a_sound_on_the_page_searches_by_it_with_the_typed_words()
    {
        await using var page = await OpenAsync();
        await page.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("barking");

        var sent = await NextExampleSearchAsync(() => page.Page.EvaluateAsync(
            """
            () => {
              const data = new DataTransfer();
              data.items.add(new File([new Uint8Array(64)], 'bark.wav', { type: 'audio/wav' }));
              const fire = type => document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
              fire('dragenter');
              if (document.getElementById('drop-overlay').hidden) throw new Error('no drop overlay while dragging');
              fire('drop');
            }
            """));

        Assert.Equal("bark.wav", sent.Files[0].FileName);
        Assert.Equal("audio/wav", sent.Files[0].ContentType);
        Assert.Equal("barking", sent.Fields["q"]);
        await Expect(page.Page.Locator("#drop-overlay")).ToBeHiddenAsync();
        await Expect(page.Page.Locator("#example-chip")).ToContainTextAsync("bark.wav");
    }

    [Fact]
    public async Task Recording_from_the_microphone_searches_by_the_recording()
    {
        await using var page = await OpenAsync();
        var record = page.Page.GetByRole(AriaRole.Button, new() { Name = "Record from the microphone" });
        await Expect(record).ToBeVisibleAsync();

        await record.ClickAsync();
        var stop = page.Page.GetByRole(AriaRole.Button, new() { Name = "Stop recording and search" });
        await Expect(stop).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Page.WaitForTimeoutAsync(800); // the fake microphone's tone needs a moment to fill a chunk
        var sent = await NextExampleSearchAsync(() => stop.ClickAsync());

        Assert.Matches(new Regex(@"^recording\.(webm|ogg|m4a)$"), sent.Files[0].FileName);
        Assert.StartsWith("audio/", sent.Files[0].ContentType, StringComparison.Ordinal);
        await Expect(record).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(page.Page.Locator("#example-chip")).ToContainTextAsync("recording.");
    }
}
