using System.Text.Json;

namespace SearchEngine.QueryApi.Tests.Paging;

/// <summary>
/// Audio and video results list their matched moments (the times of their best candidate segments) for a timeline;
/// pictures and texts list none.
/// </summary>
public sealed class MatchedMomentsTests(SearchSite site) : IClassFixture<SearchSite>
{
    [Fact]
    public async Task A_video_result_lists_its_matched_moments_in_time_order_within_its_length()
    {
        var response = await site.Client.UploadAsync(site.Corpus.ExtractVideoAudio(SampleCorpus.BarkStart, SampleCorpus.BarkEnd),
            new Dictionary<string, string> { ["collection"] = SearchSite.Collection, ["modality"] = "video" });
        var video = response.Result(SampleCorpus.Video);
        var moments = video.GetProperty("moments").EnumerateArray().ToList();

        Assert.InRange(moments.Count, 1, 12);
        var starts = moments.Select(m => m.GetProperty("start").GetDouble()).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.All(moments, m =>
        {
            Assert.InRange(m.GetProperty("start").GetDouble(), 0, video.GetProperty("duration").GetDouble());
            Assert.Contains(m.GetProperty("kind").GetString(), new[] { "frame", "audio_window", "caption" });
            Assert.InRange(m.GetProperty("score").GetDouble(), -1, 1);
        });
        // The bark (seconds 4–8) is what the clip is: a moment covers it.
        Assert.Contains(moments, m => m.GetProperty("kind").GetString() == "audio_window"
            && m.GetProperty("start").GetDouble() < SampleCorpus.BarkEnd && m.GetProperty("end").GetDouble() > SampleCorpus.BarkStart);
    }

    [Fact]
    public async Task Pictures_and_texts_have_no_moments()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={SearchSite.Collection}&q=a dog&k=12");
        foreach (var result in response.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("modality").GetString() is "image" or "text"))
        {
            Assert.Equal(JsonValueKind.Null, result.GetProperty("moments").ValueKind);
        }
    }
}
