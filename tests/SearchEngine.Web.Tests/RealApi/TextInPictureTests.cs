using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SearchEngine.Testing;
using SearchEngine.Web.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// Text read in pictures, in real Chromium against the real API over real PostgreSQL (<see cref="SignsSite"/>): a word
/// drawn on a sign finds its photo, whose card says so ("Text in picture: 'EXIT 42'"); the open result outlines the
/// word over the picture where the API's box puts it, inside the drawn sign, at desktop size, after the window is
/// narrowed to a phone's width, and on a phone; the text read is written out beside it. A video's text says its
/// frame's time, and a button stands the player at that frame with the words outlined over it. "Match found in: Text
/// in pictures" sends the source filter.
/// </summary>
public sealed class TextInPictureTests(SignsSite site, ChromiumFixture chromium) : IClassFixture<SignsSite>, IClassFixture<ChromiumFixture>
{
    private const double Tolerance = 1.5; // pixels: the outline's rect against the API's box scaled to the picture drawn

    private async Task<BrowserPage> SearchAsync(string query, Viewport viewport, string more = "")
    {
        var page = await chromium.OpenAsync(site.BaseUrl, viewport);
        await page.Page.GotoAsync($"/?collection={SignsSite.Collection}&q={Uri.EscapeDataString(query)}{more}");
        await Expect(page.Page.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(page.Page.Locator(".result").First).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Checks the card of the exit sign's photo, opens it, and returns the picture's locator once it is drawn.</summary>
    private static async Task<ILocator> OpenExitAsync(IPage p)
    {
        var card = p.Locator($".result[data-uri$='/{SignsSite.Exit}']");
        await Expect(p.Locator(".result").First).ToHaveAttributeAsync("data-uri", new Regex($"/{Regex.Escape(SignsSite.Exit)}$"));
        await Expect(card).ToHaveAttributeAsync("data-match", "read");
        var explanation = card.Locator(".explanation");
        await Expect(explanation).ToBeVisibleAsync();
        await Expect(explanation).ToHaveTextAsync("Text in picture: 'EXIT 42'");
        await Expect(card).ToHaveAttributeAsync("aria-label", new Regex(Regex.Escape("Text in picture: 'EXIT 42'") + "$"));

        await card.ClickAsync();
        var picture = p.Locator("#detail .detail-media img");
        await Expect(picture).ToBeVisibleAsync();
        await p.WaitForFunctionAsync("() => { const i = document.querySelector('#detail .detail-media img'); return i && i.complete && i.naturalWidth > 0; }");
        var text = p.GetByRole(AriaRole.Region, new() { Name = "Text in the picture" });
        await Expect(text).ToContainTextAsync("EXIT 42");
        await Expect(text.Locator("mark")).ToHaveTextAsync("EXIT");
        return picture;
    }

    /// <summary>
    /// The outline of EXIT lies where the API's box, scaled from the size it was read at to the picture as drawn, puts
    /// it, and within the sign drawn on the photo.
    /// </summary>
    private async Task ExpectExitOutlinedAsync(IPage p, ILocator picture)
    {
        var hit = await site.ResultAsync("exit", SignsSite.Exit);
        var read = hit.GetProperty("text_in_picture");
        var (width, height) = (read.GetProperty("width").GetDouble(), read.GetProperty("height").GetDouble());
        var box = read.GetProperty("words").EnumerateArray()
            .Single(w => w.GetProperty("matched").GetBoolean() && w.GetProperty("text").GetString() == "EXIT")
            .GetProperty("box").EnumerateArray().Select(v => v.GetDouble()).ToArray();

        var outline = p.Locator("#detail .text-outline.matched[data-word='EXIT']");
        await Expect(outline).ToHaveCountAsync(1);
        await Expect(outline).ToBeVisibleAsync();
        // Layout settles after a resize on the next frame; the rects are read after it.
        await p.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var image = (await picture.BoundingBoxAsync())!;
        var drawn = (await outline.BoundingBoxAsync())!;
        var (sx, sy) = (image.Width / width, image.Height / height);
        var message = $"outline {drawn.X:0.#},{drawn.Y:0.#} {drawn.Width:0.#}×{drawn.Height:0.#} over a picture at {image.X:0.#},{image.Y:0.#} " +
            $"{image.Width:0.#}×{image.Height:0.#}, box {string.Join(',', box)} in {width}×{height}";
        Assert.True(Math.Abs(drawn.X - (image.X + (box[0] * sx))) <= Tolerance, message);
        Assert.True(Math.Abs(drawn.Y - (image.Y + (box[1] * sy))) <= Tolerance, message);
        Assert.True(Math.Abs(drawn.Width - (box[2] * sx)) <= Tolerance, message);
        Assert.True(Math.Abs(drawn.Height - (box[3] * sy)) <= Tolerance, message);

        // Over the sign: inside the plate drawn on the photo, left of its middle (EXIT comes before 42).
        var plate = SignPictures.PlateOf(SignsSite.Pictures[SignsSite.Exit]);
        var (left, top) = ((drawn.X - image.X) / image.Width, (drawn.Y - image.Y) / image.Height);
        var (right, bottom) = (left + (drawn.Width / image.Width), top + (drawn.Height / image.Height));
        const double Slack = 0.01;
        Assert.True(left >= plate.X - Slack && top >= plate.Y - Slack && right <= plate.X + plate.Width + Slack && bottom <= plate.Y + plate.Height + Slack,
            $"{message}: not inside the sign at {plate}");
        Assert.True((left + right) / 2 < plate.X + (plate.Width / 2), $"{message}: EXIT should be left of the sign's middle");
        Assert.True(drawn.Width > 8 && drawn.Height > 6, message);
    }

    [Fact]
    public async Task A_word_on_a_sign_is_explained_on_its_card_and_outlined_over_the_open_picture_also_after_narrowing_to_a_phone()
    {
        await using var page = await SearchAsync("exit", Viewport.Desktop);
        var p = page.Page;
        await page.ScreenshotAsync("text-in-picture-results-desktop");
        var picture = await OpenExitAsync(p);
        await ExpectExitOutlinedAsync(p, picture);
        await page.ScreenshotAsync("text-in-picture-desktop");

        // The picture is drawn smaller at a phone's width; the outline follows it.
        var before = (await picture.BoundingBoxAsync())!;
        await p.SetViewportSizeAsync(Viewport.Phone.Width, Viewport.Phone.Height);
        await p.WaitForFunctionAsync("w => document.querySelector('#detail .detail-media img').getBoundingClientRect().width < w - 1", (double)before.Width);
        await ExpectExitOutlinedAsync(p, picture);
        await page.ScreenshotAsync("text-in-picture-narrowed");
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task On_a_phone_the_open_picture_outlines_the_word_and_the_page_fits()
    {
        await using var page = await SearchAsync("exit", Viewport.Phone);
        var p = page.Page;
        var picture = await OpenExitAsync(p);
        await ExpectExitOutlinedAsync(p, picture);
        var widths = await p.EvaluateAsync<int[]>("() => [document.querySelector('#detail').scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"The open result is {widths[0]} px wide in a {widths[1]} px viewport.");
        await page.ScreenshotAsync("text-in-picture-phone");
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task Text_in_a_video_frame_says_its_time_and_its_button_stands_the_player_there_with_the_words_outlined()
    {
        var hit = await site.ResultAsync("harbour road", SignsSite.Video);
        var time = hit.GetProperty("text_in_picture").GetProperty("time").GetDouble();
        Assert.InRange(time, (SignsSite.VideoSeconds / 2) - 0.5, SignsSite.VideoSeconds);
        var clock = $"0:{(int)Math.Floor(time + 1e-6):00}";

        await using var page = await SearchAsync("harbour road", Viewport.Desktop);
        var p = page.Page;
        var card = p.Locator($".result[data-uri$='/{SignsSite.Video}']");
        await Expect(card.Locator(".explanation")).ToContainTextAsync("Text in frame at");
        await Expect(card.Locator(".explanation")).ToContainTextAsync("'HARBOUR ROAD'");
        await Expect(card.Locator(".match-label")).ToHaveTextAsync($"Text at {clock}");

        await card.ClickAsync();
        var text = p.GetByRole(AriaRole.Region, new() { Name = $"Text in the frame at {clock}" });
        await Expect(text).ToContainTextAsync("HARBOUR ROAD");
        var video = p.Locator("#detail video");
        await p.WaitForFunctionAsync("() => document.querySelector('#detail video')?.readyState >= 1");

        // Moved away from the frame, its outlines go; the button brings the player back to it, paused, and them with it.
        await video.EvaluateAsync("v => { v.pause(); v.currentTime = 0.5; }");
        await Expect(p.Locator("#detail .text-outlines")).ToBeHiddenAsync();
        await text.GetByRole(AriaRole.Button, new() { Name = $"Show the frame at {clock}" }).ClickAsync();
        await p.WaitForFunctionAsync("t => { const v = document.querySelector('#detail video'); return v.paused && Math.abs(v.currentTime - t) < 0.05; }", time);
        var outline = p.Locator("#detail .text-outline.matched[data-word='HARBOUR']");
        await Expect(outline).ToBeVisibleAsync();

        // Over the picture the video draws (object-fit: contain), where the API's box puts it.
        var box = hit.GetProperty("text_in_picture").GetProperty("words").EnumerateArray()
            .First(w => w.GetProperty("matched").GetBoolean() && w.GetProperty("text").GetString() == "HARBOUR")
            .GetProperty("box").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var width = hit.GetProperty("text_in_picture").GetProperty("width").GetDouble();
        var shown = await video.EvaluateAsync<JsonElement>(
            "v => { const r = v.getBoundingClientRect(); const s = Math.min(r.width / v.videoWidth, r.height / v.videoHeight);" +
            " return { x: r.left + (r.width - v.videoWidth * s) / 2, y: r.top + (r.height - v.videoHeight * s) / 2, w: v.videoWidth * s }; }");
        var (x, y, scale) = (shown.GetProperty("x").GetDouble(), shown.GetProperty("y").GetDouble(), shown.GetProperty("w").GetDouble() / width);
        var drawn = (await outline.BoundingBoxAsync())!;
        var message = string.Create(CultureInfo.InvariantCulture, $"outline at {drawn.X:0.#},{drawn.Y:0.#}, box {string.Join(',', box)} × {scale:0.###} from {x:0.#},{y:0.#}");
        Assert.True(Math.Abs(drawn.X - (x + (box[0] * scale))) <= Tolerance, message);
        Assert.True(Math.Abs(drawn.Y - (y + (box[1] * scale))) <= Tolerance, message);
        Assert.True(Math.Abs(drawn.Width - (box[2] * scale)) <= Tolerance, message);
        await page.ScreenshotAsync("text-in-frame-desktop");
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task Match_found_in_text_in_pictures_sends_the_source_filter_and_keeps_only_text_matches()
    {
        await using var page = await SearchAsync("exit", Viewport.Desktop);
        var p = page.Page;
        Assert.True(await p.Locator(".result").CountAsync() > 1, "Without the filter, pictures that only look alike come too.");

        await p.GetByRole(AriaRole.Button, new() { Name = "Filters" }).ClickAsync();
        await p.GetByLabel("Match found in").SelectOptionAsync(new SelectOptionValue { Label = "Text in pictures" });
        await p.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        await Expect(p).ToHaveURLAsync(new Regex("filter="));
        Assert.Equal("{\"source\":\"ocr\"}", await p.EvaluateAsync<string>("() => new URLSearchParams(location.search).get('filter')"));
        await Expect(p.Locator("#results")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(p.Locator(".result")).ToHaveCountAsync(1);
        await Expect(p.Locator(".result").First).ToHaveAttributeAsync("data-uri", new Regex($"/{Regex.Escape(SignsSite.Exit)}$"));
        await Expect(p.Locator("#filter-count")).ToHaveTextAsync("1");

        // A shared link with the filter shows it chosen in the panel, not as JSON.
        await p.ReloadAsync();
        await Expect(p.Locator("#filter-source")).ToHaveValueAsync("ocr");
        await Expect(p.Locator("#filter-json")).ToHaveValueAsync("");
        Assert.Empty(page.ScriptErrors);
    }
}
