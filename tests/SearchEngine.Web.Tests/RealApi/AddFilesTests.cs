using Microsoft.Playwright;
using SearchEngine.Testing.Sites;
using SearchEngine.Web.Tests.Browser;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// The page's key control and "Add files": hidden without a key and with a read key; with a write key, files dropped in
/// upload with progress, a bad one shows why it failed, and the new picture shows in "Just added" and in the results on
/// screen without a reload.
/// </summary>
public sealed class AddFilesTests(WritableSite site, ChromiumFixture chromium) : IClassFixture<WritableSite>, IClassFixture<ChromiumFixture>
{
    private const string Query = "a dog running on the grass";

    [Fact]
    public async Task A_write_key_adds_files_that_appear_in_the_results_without_a_reload_and_a_bad_file_says_why()
    {
        var readKey = await site.KeyAsync("reader", "read");
        var writeKey = await site.KeyAsync("uploader", "read", "write");
        var folder = Directory.CreateTempSubdirectory("searchengine-add-files-").FullName;
        try
        {
            // A new picture (the sample's dog, mirrored: other bytes, the same subject) and bytes that are no picture.
            var picture = Path.Combine(folder, "mirrored-dog.jpg");
            Mirror(site.Corpus.PathOf(SampleCorpus.DogImage), picture);
            var broken = Path.Combine(folder, "broken.jpg");
            await File.WriteAllBytesAsync(broken, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8]);

            await using var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Desktop);
            var p = page.Page;
            await p.GotoAsync($"/?collection={site.Collection}&q={Uri.EscapeDataString(Query)}");
            await Expect(p.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
            await Expect(p.Locator(".result").First).ToBeVisibleAsync();
            var toggle = p.Locator("#add-files-toggle");
            await Expect(p.Locator("#key-label")).ToHaveTextAsync("API key");
            await Expect(toggle).ToBeHiddenAsync();

            // A read key: known by name, but nothing to add with.
            await EnterKeyAsync(p, readKey);
            await Expect(p.Locator("#key-label")).ToHaveTextAsync("reader");
            await Expect(toggle).ToBeHiddenAsync();

            await EnterKeyAsync(p, writeKey);
            await Expect(p.Locator("#key-label")).ToHaveTextAsync("uploader");
            await Expect(toggle).ToBeVisibleAsync();
            Assert.Equal(writeKey, await p.EvaluateAsync<string>("() => localStorage.getItem('searchengine.apiKey')"));
            Assert.DoesNotContain(writeKey[15..], await p.Locator("body").InnerTextAsync(), StringComparison.Ordinal);

            await toggle.ClickAsync();
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
            await p.Locator("#add-input").SetInputFilesAsync([picture, broken]);

            var added = p.Locator(".add-item.done");
            await Expect(added).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await Expect(added).ToContainTextAsync("mirrored-dog.jpg");
            var failed = p.Locator(".add-item.failed");
            await Expect(failed).ToHaveCountAsync(1);
            await Expect(failed).ToContainTextAsync("broken.jpg");
            await Expect(failed.Locator(".outcome")).ToContainTextAsync("failed at decode");
            await Expect(p.Locator("#add-status")).ToHaveTextAsync("1 of 2 files added, 1 failed.");
            await Expect(p.Locator("#just-added-list li")).ToHaveCountAsync(1);

            // The search on screen ran again: the new picture is among its results, with no navigation in between.
            await Expect(p.Locator(".result[data-uri*='/uploads/']").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
            Assert.Equal(1, await p.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));

            // Dropped on the page (a real drop event carrying a file), while the panel is open: added, not searched with.
            await p.EvaluateAsync("""
                () => {
                  const files = new DataTransfer();
                  files.items.add(new File(['Notes on sourdough bread: flour, water, salt and a long, cold rise.'], 'bread-notes.txt', { type: 'text/plain' }));
                  const zone = document.getElementById('add-drop');
                  zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: files }));
                  zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: files }));
                }
                """);
            await Expect(added).ToHaveCountAsync(2, new() { Timeout = 60_000 });
            await Expect(added.Last).ToContainTextAsync("bread-notes.txt");
            await Expect(p.Locator("#example-chip")).ToBeHiddenAsync();
            await page.ScreenshotAsync("add-files-desktop");

            // Opening the just-added picture shows its detail.
            await p.Locator("#just-added-list button", new() { HasText = "mirrored-dog.jpg" }).ClickAsync();
            await Expect(p.Locator("#detail")).ToBeVisibleAsync();
            Assert.Empty(page.ScriptErrors);

            // At phone width, with the key remembered from an earlier visit, the header's key control and the open
            // panel fit: nothing scrolls sideways.
            await using var phone = await chromium.OpenAsync(site.BaseUrl, Viewport.Phone);
            await phone.Page.GotoAsync($"/?collection={site.Collection}");
            await phone.Page.EvaluateAsync("key => localStorage.setItem('searchengine.apiKey', key)", writeKey);
            await phone.Page.ReloadAsync();
            await phone.Page.Locator("#add-files-toggle").ClickAsync();
            await Expect(phone.Page.Locator("#add-drop")).ToBeVisibleAsync();
            await phone.ScreenshotAsync("add-files-phone");
            Assert.True(await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at phone width");
            Assert.Empty(phone.ScriptErrors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_picture_added_while_the_map_is_open_appears_on_it_without_a_reload()
    {
        var writeKey = await site.KeyAsync("mapper", "read", "write");
        var folder = Directory.CreateTempSubdirectory("searchengine-add-to-map-").FullName;
        try
        {
            // The sample's beach photo mirrored: new bytes, so a new document (the other test adds the dog's mirror).
            var picture = Path.Combine(folder, "mirrored-beach.jpg");
            Mirror(site.Corpus.PathOf(SampleCorpus.BeachImage), picture);

            await using var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Desktop);
            var p = page.Page;
            await p.GotoAsync($"/?collection={site.Collection}");
            await p.EvaluateAsync("key => localStorage.setItem('searchengine.apiKey', key)", writeKey);
            await p.GotoAsync($"/?collection={site.Collection}&view=map");
            var canvas = p.Locator("#map-canvas");
            await Expect(canvas).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 120_000 });
            var before = int.Parse((await canvas.GetAttributeAsync("data-points"))!, System.Globalization.CultureInfo.InvariantCulture);

            await p.Locator("#add-files-toggle").ClickAsync();
            await p.Locator("#add-input").SetInputFilesAsync(picture);
            await Expect(p.Locator(".add-item.done")).ToHaveCountAsync(1, new() { Timeout = 60_000 });

            // The map on screen is read again once the API has placed the new picture among its neighbours.
            await Expect(canvas).ToHaveAttributeAsync("data-points", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 30_000 });
            await Expect(canvas).ToHaveAttributeAsync("data-state", "ready");
            Assert.Equal(1, await p.EvaluateAsync<int>("() => performance.getEntriesByType('navigation').length"));
            Assert.Empty(page.ScriptErrors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task EnterKeyAsync(IPage page, string key)
    {
        await page.Locator("#key-button").ClickAsync();
        await page.Locator("#key-input").FillAsync(key);
        await page.Locator("#key-save").ClickAsync();
        await Expect(page.Locator("#key-dialog")).ToBeHiddenAsync();
    }

    private static void Mirror(string source, string target)
    {
        using var original = SKImage.FromEncodedData(source);
        using var mirrored = new SKBitmap(original.Width, original.Height);
        using (var canvas = new SKCanvas(mirrored))
        {
            canvas.Scale(-1, 1, original.Width / 2f, 0);
            canvas.DrawImage(original, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        }

        using var data = mirrored.Encode(SKEncodedImageFormat.Jpeg, 90);
        File.WriteAllBytes(target, data.ToArray());
    }
}
