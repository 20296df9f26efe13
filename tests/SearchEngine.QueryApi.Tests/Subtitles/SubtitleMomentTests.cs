using System.Text.Json;

namespace SearchEngine.QueryApi.Tests.Subtitles;

/// <summary>
/// Text → video returns moments: a query for a subtitle line finds its video, with a <c>caption</c> segment at the
/// line's time, whether the line came from an embedded track or a sidecar.
/// </summary>
public sealed class SubtitleMomentTests(SubtitledSite site) : IClassFixture<SubtitledSite>
{
    private const string C = SubtitledSite.Collection;

    public static TheoryData<int> EveryCue => [.. Enumerable.Range(0, SubtitledSite.Cues.Length)];

    [Theory]
    [MemberData(nameof(EveryCue))]
    public async Task A_subtitle_line_finds_its_video_at_the_line(int cue)
    {
        var (file, start, end, text) = SubtitledSite.Cues[cue];

        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q={Uri.EscapeDataString(text)}&modality=video&k=3");

        var first = response.GetProperty("results")[0];
        Assert.Equal(file, Path.GetFileName(first.GetProperty("uri").GetString()));
        var segment = first.GetProperty("segment");
        Assert.Equal("caption", segment.GetProperty("kind").GetString());
        // Matroska with FLAC and MP4 timed text keep the times as written (no encoder delay moves the streams).
        Assert.Equal(start, segment.GetProperty("start").GetDouble(), 3);
        Assert.Equal(end, segment.GetProperty("end").GetDouble(), 3);
    }

    [Fact]
    public async Task A_paraphrase_of_a_line_finds_the_moment_too()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q={Uri.EscapeDataString("a teapot whistles in the kitchen")}&modality=video&k=3");

        var first = response.GetProperty("results")[0];
        Assert.Equal("kitchen.mp4", Path.GetFileName(first.GetProperty("uri").GetString()));
        Assert.Equal(3.25, first.GetProperty("segment").GetProperty("start").GetDouble(), 3);
    }

    [Fact]
    public async Task The_subtitle_sidecar_is_part_of_its_video_and_its_words_are_the_videos_caption()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=bees lavender tomato plants&k=10");

        var uris = response.GetProperty("results").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("uri").GetString())).ToList();
        Assert.Equal(["garden.mp4", "harbour.mkv", "kitchen.mp4"], uris.Order(StringComparer.Ordinal));
        var garden = response.Result("garden.mp4");
        Assert.Equal(
            "Bees are buzzing around the lavender bushes.\nA child waters the tomato plants with a red can.",
            garden.GetProperty("caption").GetString());
        Assert.Equal(JsonValueKind.String, response.Result("harbour.mkv").GetProperty("caption").ValueKind);
    }
}
