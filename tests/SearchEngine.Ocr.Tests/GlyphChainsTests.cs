using SearchEngine.Ocr.Detection;

namespace SearchEngine.Ocr.Tests;

public class GlyphChainsTests
{
    private static readonly TextDetectionOptions Options = new();

    [Fact]
    public void A_blob_chained_at_the_end_of_a_line_is_pruned_so_the_line_covers_its_letters_only()
    {
        // Five letters 30 high, then a 58-high blob of the same ink: close and similar enough to link, but far from the
        // chain's median size. Left in, it would stretch the line's box over the photo (the 270° reading read "ROAD" at 0 confidence).
        var letters = Enumerable.Range(0, 5).Select(i => Letter(10 + (25 * i), 100, 30)).ToArray();
        var blob = Letter(137, 90, 58);

        var chain = Assert.Single(GlyphChains.Find([.. letters, blob], Options));

        Assert.Equal(letters, chain.OrderBy(g => g.Left));
    }

    [Fact]
    public void Letters_of_another_ink_do_not_join_a_line()
    {
        var dark = Enumerable.Range(0, 4).Select(i => Letter(10 + (25 * i), 100, 30)).ToArray();
        var light = Enumerable.Range(4, 4).Select(i => Letter(10 + (25 * i), 100, 30) with { Ink = 220 }).ToArray();

        var chains = GlyphChains.Find([.. dark, .. light], Options);

        Assert.Equal(2, chains.Count);
        Assert.All(chains, c => Assert.Equal(4, c.Length));
    }

    private static Glyph Letter(int left, int top, int height) =>
        new(left, top, left + 17, top + height - 1, 6 * height, 4, 30, 90, 6, 220, 5);
}
