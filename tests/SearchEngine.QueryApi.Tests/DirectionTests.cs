using System.Text.Json;

namespace SearchEngine.QueryApi.Tests;

/// <summary>
/// Every query direction, against the real API over a collection the real indexer built from held-out shared data
/// with the trained default pack. The corpus has one item per subject, so "in the top results" is a real test of the
/// shared space, not of luck.
/// </summary>
public sealed class DirectionTests(SearchSite site) : IClassFixture<SearchSite>
{
    private const string C = SearchSite.Collection;

    [Fact]
    public async Task Text_to_image_finds_the_dog_photo()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a dog running on the grass&modality=image&k=4");
        Assert.Contains(SampleCorpus.DogImage, response.ResultFiles().Take(2));
    }

    [Fact]
    public async Task Text_to_audio_finds_the_barking_dog()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a dog barking&modality=audio&k=4");
        Assert.Contains(SampleCorpus.DogBark, response.ResultFiles().Take(2));
    }

    [Fact]
    public async Task Text_to_video_finds_the_dog_video_with_a_time_range()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a dog barking&modality=video&k=3");
        var video = response.Result(SampleCorpus.Video);
        Assert.Equal(1, video.GetProperty("rank").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, video.GetProperty("segment").ValueKind);
    }

    [Fact]
    public async Task Text_to_text_finds_the_recipe()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=chocolate dessert baking&modality=text&k=3");
        Assert.Equal("cake.txt", response.ResultFiles()[0]);
    }

    [Fact]
    public async Task Image_to_text_finds_the_text_about_dogs()
    {
        var response = await site.Client.UploadAsync(site.Corpus.PathOf(SampleCorpus.DogImage), new Dictionary<string, string> { ["collection"] = C, ["modality"] = "text", ["k"] = "3" });
        var files = response.ResultFiles().ToList();
        // The trained offline pack (heads-v2) places the cake recipe a hair above the dog text for this photo (cosine
        // 0.167 vs 0.158; a whole paragraph is one segment, so its dog sentence cannot win alone); the text about
        // traffic stays far below (-0.04). What must hold for the direction: the dog text is among the best two and
        // above the unrelated traffic text.
        Assert.Contains("dogs.txt", files.Take(2));
        Assert.True(files.IndexOf("dogs.txt") < files.IndexOf("traffic.txt"), string.Join(", ", files));
    }

    [Fact]
    public async Task Image_to_image_finds_the_same_photo_first_with_similarity_near_one()
    {
        var response = await site.Client.UploadAsync(site.Corpus.PathOf(SampleCorpus.BeachImage), new Dictionary<string, string> { ["collection"] = C, ["modality"] = "image", ["k"] = "4" });
        Assert.Equal(SampleCorpus.BeachImage, response.ResultFiles()[0]);
        Assert.True(response.GetProperty("results")[0].GetProperty("score").GetSingle() > 0.99f);
    }

    [Fact]
    public async Task Audio_to_audio_finds_the_same_clip_first()
    {
        var response = await site.Client.UploadAsync(site.Corpus.PathOf(SampleCorpus.Siren), new Dictionary<string, string> { ["collection"] = C, ["modality"] = "audio", ["k"] = "4" });
        Assert.Equal(SampleCorpus.Siren, response.ResultFiles()[0]);
    }

    [Fact]
    public async Task Audio_to_video_finds_the_video_a_sound_comes_from_and_when()
    {
        var excerpt = site.Corpus.ExtractVideoAudio(SampleCorpus.BarkStart + 0.5, SampleCorpus.BarkEnd - 0.5);
        var response = await site.Client.UploadAsync(excerpt, new Dictionary<string, string> { ["collection"] = C, ["modality"] = "video", ["k"] = "3" });
        var video = response.Result(SampleCorpus.Video);
        Assert.Equal(1, video.GetProperty("rank").GetInt32());
        // The excerpt is cut from the video's own sound, so its fingerprint finds it: an exact match, its range the one matched.
        Assert.Equal("exact", video.GetProperty("match").GetString());
        var segment = video.GetProperty("segment");
        Assert.Equal("fingerprint", segment.GetProperty("kind").GetString());
        var start = segment.GetProperty("start").GetDouble();
        var end = segment.GetProperty("end").GetDouble();
        Assert.True(start < SampleCorpus.BarkEnd && end > SampleCorpus.BarkStart, $"matched window {start}-{end} s does not overlap the bark at {SampleCorpus.BarkStart}-{SampleCorpus.BarkEnd} s");
    }

    [Fact]
    public async Task Audio_to_image_finds_the_dog_photo_for_a_bark()
    {
        var response = await site.Client.UploadAsync(site.Corpus.PathOf(SampleCorpus.DogBark), new Dictionary<string, string> { ["collection"] = C, ["modality"] = "image", ["k"] = "4" });
        Assert.Contains(SampleCorpus.DogImage, response.ResultFiles().Take(2));
    }

    [Fact]
    public async Task Image_to_audio_finds_the_bark_for_the_dog_photo()
    {
        var response = await site.Client.UploadAsync(site.Corpus.PathOf(SampleCorpus.DogImage), new Dictionary<string, string> { ["collection"] = C, ["modality"] = "audio", ["k"] = "4" });
        Assert.Contains(SampleCorpus.DogBark, response.ResultFiles().Take(2));
    }

    [Fact]
    public async Task More_like_this_searches_by_a_document_and_leaves_it_out()
    {
        var first = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a dog running on the grass&modality=image&k=1");
        var id = first.GetProperty("results")[0].GetProperty("id").GetInt64();
        var response = await site.Client.PostJsonAsync(new { collection = C, documentId = id, k = 5 });
        Assert.DoesNotContain(response.GetProperty("results").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
        Assert.NotEmpty(response.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task A_text_and_an_image_together_make_one_query()
    {
        var response = await site.Client.UploadAsync(site.Corpus.PathOf(SampleCorpus.DogImage), new Dictionary<string, string> { ["collection"] = C, ["q"] = "a dog", ["modality"] = "image", ["k"] = "2" });
        Assert.Equal(SampleCorpus.DogImage, response.ResultFiles()[0]);
        Assert.Equal("a dog", response.GetProperty("query").GetProperty("text").GetString());
    }
}
