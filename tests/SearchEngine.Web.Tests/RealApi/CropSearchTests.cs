using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SearchEngine.Testing.Sites;
using SearchEngine.Web.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// Searching with a region of a picture, in real Chromium against the real API: a box dragged over the left half of
/// the open two-halves picture finds the dog photo first; the same from the keyboard over the right half finds the
/// surfing photo; a region of an uploaded example does the same without the picture being indexed first.
/// </summary>
public sealed class CropSearchTests(HalvesSite site, ChromiumFixture chromium) : IClassFixture<HalvesSite>, IClassFixture<ChromiumFixture>
{
    private async Task<BrowserPage> OpenHalvesAsync()
    {
        var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Desktop);
        await page.Page.GotoAsync($"/?collection={HalvesSite.Collection}&q=a dog and a surfer&modality=image");
        await Expect(page.Page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        await page.Page.Locator($".result[data-uri$='/{HalvesCollection.Halves}']").ClickAsync();
        var picture = page.Page.Locator("#detail .crop-frame img");
        await Expect(picture).ToBeVisibleAsync();
        await page.Page.WaitForFunctionAsync("() => { const i = document.querySelector('#detail .crop-frame img'); return i && i.complete && i.naturalWidth > 0; }");
        return page;
    }

    private static async Task ExpectFirstResultAsync(IPage page, string fileName)
    {
        await Expect(page).ToHaveURLAsync(new Regex("crop="));
        await Expect(page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(page.Locator(".result").First).ToHaveAttributeAsync("data-uri", new Regex($"/{Regex.Escape(fileName)}$"));
        await Expect(page.Locator($".result[data-uri$='/{HalvesCollection.Halves}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#status")).ToContainTextAsync("a region of it");
    }

    [Fact]
    public async Task A_box_dragged_over_half_of_a_result_picture_finds_the_photo_of_that_half()
    {
        await using var page = await OpenHalvesAsync();
        var p = page.Page;
        var box = (await p.Locator("#detail .crop-frame img").BoundingBoxAsync())!;
        float X(double share) => (float)(box.X + (box.Width * share));
        float Y(double share) => (float)(box.Y + (box.Height * share));

        // Over the left half, from just inside its top-left corner to just inside the middle of the bottom edge.
        await p.Mouse.MoveAsync(box.X + 3, box.Y + 3);
        await p.Mouse.DownAsync();
        await p.Mouse.MoveAsync(X(0.25), Y(0.5), new() { Steps = 5 });
        await p.Mouse.MoveAsync(X(0.5) - 3, Y(1) - 3, new() { Steps = 5 });
        await p.Mouse.UpAsync();

        var outline = p.Locator("#detail .crop-box");
        await Expect(outline).ToBeVisibleAsync();
        Assert.InRange(double.Parse((await outline.GetAttributeAsync("data-w"))!, System.Globalization.CultureInfo.InvariantCulture), 0.45, 0.5);
        await Expect(p.GetByRole(AriaRole.Button, new() { Name = "Search this region" })).ToBeFocusedAsync();
        await page.ScreenshotAsync("crop-search-desktop");

        await p.GetByRole(AriaRole.Button, new() { Name = "Search this region" }).ClickAsync();

        await ExpectFirstResultAsync(p, SampleCorpus.DogImage);
        await Expect(p).ToHaveURLAsync(new Regex("like="));
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task From_the_keyboard_a_crop_box_moved_over_the_right_half_finds_the_surfing_photo()
    {
        await using var page = await OpenHalvesAsync();
        var p = page.Page;

        await p.GetByRole(AriaRole.Button, new() { Name = "Crop", Exact = true }).ClickAsync();
        var outline = p.Locator("#detail .crop-box");
        await Expect(outline).ToBeFocusedAsync();
        // The centre box (x 0.25, y 0.25, w 0.5, h 0.5) moved right and up to the corner, then grown to the full height.
        for (var i = 0; i < 14; i++)
        {
            await p.Keyboard.PressAsync("ArrowRight");
            await p.Keyboard.PressAsync("ArrowUp");
        }

        for (var i = 0; i < 26; i++)
        {
            await p.Keyboard.PressAsync("Shift+ArrowDown");
        }

        await Expect(outline).ToHaveAttributeAsync("data-x", "0.5000");
        await Expect(outline).ToHaveAttributeAsync("data-h", "1.0000");
        await p.Keyboard.PressAsync("Enter");

        await ExpectFirstResultAsync(p, SampleCorpus.BeachImage);
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task A_region_of_an_uploaded_example_is_searched_from_the_crop_dialog()
    {
        await using var page = await chromium.OpenAsync(site.BaseUrl, Viewport.Desktop);
        var p = page.Page;
        await p.GotoAsync($"/?collection={HalvesSite.Collection}&modality=image");
        await Expect(p.Locator("#collection")).ToHaveValueAsync(HalvesSite.Collection);
        await p.Locator("#file").SetInputFilesAsync(site.HalvesPath);
        await Expect(p.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(p.Locator(".result").First).ToBeVisibleAsync();

        await p.GetByRole(AriaRole.Button, new() { Name = $"Search with a region of {HalvesCollection.Halves}" }).ClickAsync();
        var picture = p.Locator("#crop-dialog .crop-frame img");
        await Expect(picture).ToBeVisibleAsync();
        await p.WaitForFunctionAsync("() => { const i = document.querySelector('#crop-dialog .crop-frame img'); return i && i.complete && i.naturalWidth > 0; }");
        var box = (await picture.BoundingBoxAsync())!;
        await p.Mouse.MoveAsync(box.X + 3, box.Y + 3);
        await p.Mouse.DownAsync();
        await p.Mouse.MoveAsync(box.X + (box.Width / 2) - 3, box.Y + box.Height - 3, new() { Steps = 8 });
        await p.Mouse.UpAsync();
        await p.Keyboard.PressAsync("Enter"); // the focused "Search this region" button

        await Expect(p).ToHaveURLAsync(new Regex("example=1.*crop=|crop=.*example=1"));
        await Expect(p.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(p.Locator(".result").First).ToHaveAttributeAsync("data-uri", new Regex($"/{Regex.Escape(SampleCorpus.DogImage)}$"));
        await Expect(p.Locator("#example-chip .example-region")).ToBeVisibleAsync();
        Assert.Empty(page.ScriptErrors);
    }
}
