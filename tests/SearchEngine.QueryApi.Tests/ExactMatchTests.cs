using System.Text.Json;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Fingerprints;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing.Sites;

namespace SearchEngine.QueryApi.Tests;

/// <summary>
/// The two-tier answer through the real API: a cut of an indexed recording's sound comes back first as an exact match,
/// with the second it starts at and a confidence, and the semantic results follow, each result saying which it is.
/// </summary>
public sealed class ExactMatchTests(SearchSite site) : IClassFixture<SearchSite>
{
    private const string C = SearchSite.Collection;
    private const double CutStart = SampleCorpus.BarkStart + 0.5;

    [Fact]
    public async Task A_cut_of_the_videos_sound_is_first_an_exact_match_at_its_second_and_similar_results_follow()
    {
        var excerpt = site.Corpus.ExtractVideoAudio(CutStart, CutStart + 3);
        var response = await site.Client.UploadAsync(excerpt, new Dictionary<string, string> { ["collection"] = C, ["k"] = "5" });
        var results = response.GetProperty("results").EnumerateArray().ToList();

        Assert.True(results.Count == 5, response.ToString());
        var first = results[0];
        Assert.Equal(SampleCorpus.Video, Path.GetFileName(first.GetProperty("uri").GetString()));
        Assert.Equal("exact", first.GetProperty("match").GetString());
        Assert.InRange(first.GetProperty("offset_seconds").GetDouble(), CutStart - 0.1, CutStart + 0.1);
        Assert.InRange(first.GetProperty("confidence").GetDouble(), 0.01, 1.0);
        var segment = first.GetProperty("segment");
        Assert.Equal("fingerprint", segment.GetProperty("kind").GetString());
        Assert.True(segment.GetProperty("start").GetDouble() <= CutStart + 0.5 && segment.GetProperty("end").GetDouble() >= CutStart + 2.5, segment.ToString());

        // Exact matches first, then the semantic "sounds like" results, which carry no offset or confidence; no document twice.
        var kinds = results.Select(r => r.GetProperty("match").GetString()).ToList();
        Assert.Contains("similar", kinds);
        Assert.Equal([.. kinds.OrderBy(k => k == "exact" ? 0 : 1)], kinds);
        Assert.All(results.Where(r => r.GetProperty("match").GetString() == "similar"), r =>
        {
            Assert.Equal(JsonValueKind.Null, r.GetProperty("offset_seconds").ValueKind);
            Assert.Equal(JsonValueKind.Null, r.GetProperty("confidence").ValueKind);
        });
        Assert.Equal(results.Count, results.Select(r => r.GetProperty("id").GetInt64()).Distinct().Count());
        Assert.Equal([.. Enumerable.Range(1, results.Count)], results.Select(r => r.GetProperty("rank").GetInt32()).ToList());
    }

    [Fact]
    public async Task An_exact_match_the_modality_filter_excludes_is_not_returned()
    {
        var excerpt = site.Corpus.ExtractVideoAudio(CutStart, CutStart + 3);
        var response = await site.Client.UploadAsync(excerpt, new Dictionary<string, string> { ["collection"] = C, ["k"] = "4", ["modality"] = "audio" });
        var results = response.GetProperty("results").EnumerateArray().ToList();

        Assert.NotEmpty(results);
        Assert.DoesNotContain(SampleCorpus.Video, response.ResultFiles());
        Assert.All(results, r => Assert.Equal("audio", r.GetProperty("modality").GetString()));
    }

    [Fact]
    public async Task Every_result_of_a_text_query_is_marked_similar()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a+dog+barking&k=5");
        Assert.All(response.GetProperty("results").EnumerateArray(), r =>
        {
            Assert.Equal("similar", r.GetProperty("match").GetString());
            Assert.Equal(JsonValueKind.Null, r.GetProperty("offset_seconds").ValueKind);
        });
    }

    [Fact]
    public async Task A_recording_committed_while_the_api_runs_is_matched_exactly_and_no_longer_once_deleted()
    {
        await using var data = NpgsqlDataSource.Create(site.ConnectionString);
        var collection = (await new CollectionStore(data).GetByNameAsync(C))!;
        var excerpt = site.Corpus.ExtractVideoAudio(CutStart, CutStart + 3);
        var fields = new Dictionary<string, string> { ["collection"] = C, ["k"] = "5" };
        var videoId = (await site.Client.UploadAsync(excerpt, fields)).GetProperty("results")[0].GetProperty("id").GetInt64();

        // A second copy of the video (its stored fingerprint and a vector), committed as the indexer would.
        var store = new DocumentStore(data);
        await store.WriteAsync(collection,
        [
            new DocumentWrite("late/copy.mp4", Modality.Video, new string('c', 64), 1, [new Segment(SegmentKind.Frame, 0, null, (await new SegmentStore(data).ReadDocumentVectorsAsync(videoId))[0])])
            {
                Fingerprint = await new FingerprintStore(data).ReadAsync(videoId),
                FingerprintLandmarks = 1,
            },
        ]);
        await EventuallyAsync(async () => ExactFiles(await site.Client.UploadAsync(excerpt, fields)).Contains("copy.mp4"));

        // Until the copy has applied the delete, the page leaves out the document PostgreSQL no longer has and comes back
        // one short; a full page without it means the fingerprint, vector and catalogue entries are gone.
        await store.DeleteAsync(collection.Id, ["late/copy.mp4"]);
        await EventuallyAsync(async () =>
        {
            var response = await site.Client.UploadAsync(excerpt, fields);
            return response.GetProperty("results").GetArrayLength() == 5 && !response.ResultFiles().Contains("copy.mp4") && ExactFiles(response).Contains(SampleCorpus.Video);
        });
    }

    private static List<string> ExactFiles(JsonElement response) =>
        [.. response.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("match").GetString() == "exact")
            .Select(r => Path.GetFileName(r.GetProperty("uri").GetString()!))];

    private static async Task EventuallyAsync(Func<Task<bool>> probe)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await probe())
        {
            Assert.True(DateTime.UtcNow < deadline, "the service did not follow the change log within 20 s");
            await Task.Delay(500);
        }
    }
}
