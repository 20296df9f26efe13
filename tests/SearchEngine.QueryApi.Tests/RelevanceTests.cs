using System.Globalization;
using System.Net;
using System.Text.Json;
using SearchEngine.Embeddings.Calibration;

namespace SearchEngine.QueryApi.Tests;

/// <summary>
/// Calibrated relevance through the real API over the sample collection indexed with the default pack, whose setup
/// (pack ensure-default) fitted its calibration.json: every hit carries a relevance in [0, 1], a good match is more
/// relevant than an unrelated one, min_relevance drops the weaker hits and says so, and a pack without calibration
/// gives hits none.
/// </summary>
public sealed class RelevanceTests(SearchSite site) : IClassFixture<SearchSite>
{
    private const string C = SearchSite.Collection;

    private static IReadOnlyList<JsonElement> Results(JsonElement response) => [.. response.GetProperty("results").EnumerateArray()];

    private static double Relevance(JsonElement hit) => hit.GetProperty("relevance").GetDouble();

    [Fact]
    public async Task Every_hit_carries_a_relevance_between_0_and_1_and_the_response_its_close_match_threshold()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a dog running on the grass&k=12");

        Assert.True(response.GetProperty("calibrated").GetBoolean());
        Assert.InRange(response.GetProperty("close_match_relevance").GetDouble(), 0.0001, 1);
        Assert.Equal(0, response.GetProperty("filtered_out").GetInt32());
        Assert.Equal(12, Results(response).Count);
        Assert.All(Results(response), hit => Assert.InRange(Relevance(hit), 0, 1));
    }

    [Fact]
    public async Task The_openapi_document_describes_relevance_and_the_filter_fields()
    {
        var schemas = (await site.Client.GetJsonAsync("/openapi/v1.json")).GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("SearchResultItem").GetProperty("properties").TryGetProperty("relevance", out _));
        var response = schemas.GetProperty("SearchResponse").GetProperty("properties");
        foreach (var field in new[] { "calibrated", "close_match_relevance", "filtered_out" })
        {
            Assert.True(response.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Within_one_direction_relevance_never_falls_as_the_score_rises()
    {
        // Text against audio only: every hit is a text→audio similarity, read through one monotone map.
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a siren of an ambulance&modality=audio&k=4&rerank=false");
        var hits = Results(response).OrderBy(h => h.GetProperty("score").GetSingle()).ToList();

        for (var i = 1; i < hits.Count; i++)
        {
            Assert.True(Relevance(hits[i]) >= Relevance(hits[i - 1]), string.Join(", ", hits.Select(h => $"{h.GetProperty("score")} → {Relevance(h)}")));
        }
    }

    [Fact]
    public async Task A_good_match_is_a_close_match_and_nonsense_is_not()
    {
        var bark = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a dog barking&modality=audio&k=4");
        var closeMatch = bark.GetProperty("close_match_relevance").GetDouble();
        Assert.True(Relevance(bark.Result(SampleCorpus.DogBark)) >= closeMatch);
        Assert.True(Relevance(bark.Result(SampleCorpus.DogBark)) > Relevance(bark.Result(SampleCorpus.Siren)));

        var nonsense = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=qwxz blorf vrrk&k=12");
        Assert.All(Results(nonsense), hit => Assert.True(Relevance(hit) < closeMatch, $"{hit.GetProperty("uri")} has relevance {Relevance(hit)}"));
    }

    [Fact]
    public async Task Min_relevance_drops_the_weaker_hits_and_counts_them()
    {
        var all = Results(await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a dog barking&k=12"));
        var relevances = all.Select(Relevance).Order().ToList();
        // A threshold between the weakest and the strongest hit, so some hits go and some stay.
        var minimum = Math.Round((relevances[0] + relevances[^1]) / 2, 4);
        var expectedDropped = relevances.Count(r => r < minimum);
        Assert.InRange(expectedDropped, 1, all.Count - 1);

        var filtered = await site.Client.GetJsonAsync(
            $"/api/search?collection={C}&q=a dog barking&k=12&min_relevance={minimum.ToString(CultureInfo.InvariantCulture)}");

        Assert.All(Results(filtered), hit => Assert.True(Relevance(hit) >= minimum));
        Assert.Equal(expectedDropped, filtered.GetProperty("filtered_out").GetInt32());
        Assert.Equal(minimum, filtered.GetProperty("query").GetProperty("min_relevance").GetDouble());
        Assert.Equal(Enumerable.Range(1, Results(filtered).Count), Results(filtered).Select(h => h.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public async Task Min_relevance_is_taken_from_a_json_body_and_from_a_form()
    {
        var first = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=a dog running on the grass&modality=image&k=1");
        var id = Results(first)[0].GetProperty("id").GetInt64();

        var json = await site.Client.PostJsonAsync(new { collection = C, documentId = id, k = 5, min_relevance = 1.0 });
        Assert.Empty(Results(json));
        Assert.True(json.GetProperty("filtered_out").GetInt32() > 0);

        var form = await site.Client.UploadAsync(site.Corpus.PathOf(SampleCorpus.Siren),
            new Dictionary<string, string> { ["collection"] = C, ["modality"] = "audio", ["k"] = "4", ["min_relevance"] = "0.5" });
        Assert.Contains(SampleCorpus.Siren, form.ResultFiles()); // the clip itself: a near-certain audio→audio match
        Assert.All(Results(form), hit => Assert.True(Relevance(hit) >= 0.5));
    }

    [Fact]
    public async Task A_pack_without_calibration_gives_hits_no_relevance_and_refuses_min_relevance()
    {
        // The same pack (same id and fingerprint: calibration.json is not part of it) without its calibration.
        var state = Directory.CreateTempSubdirectory("searchengine-uncalibrated-").FullName;
        try
        {
            var packs = Path.Combine(state, "packs");
            var source = Directory.EnumerateFiles(DefaultPack.PacksFolder, "pack.json", SearchOption.AllDirectories)
                .Select(Path.GetDirectoryName)
                .First(folder => File.Exists(Path.Combine(folder!, PackCalibration.FileName)))!;
            var copy = Directory.CreateDirectory(Path.Combine(packs, "offline-copy")).FullName;
            foreach (var file in Directory.EnumerateFiles(source).Where(f => Path.GetFileName(f) != PackCalibration.FileName))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            await using var api = new QueryApiFactory(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Search"] = site.ConnectionString,
                ["Search:IndexFolder"] = Path.Combine(state, "index"),
                ["Search:ThumbnailFolder"] = Path.Combine(state, "thumbnails"),
                ["ModelPacks:PacksFolder"] = packs,
                ["ModelPacks:DefaultPackId"] = DefaultPack.Id,
            });
            using var client = api.CreateClient();

            var response = await client.GetJsonAsync($"/api/search?collection={C}&q=a dog barking&k=3");
            Assert.False(response.GetProperty("calibrated").GetBoolean());
            Assert.Equal(JsonValueKind.Null, response.GetProperty("close_match_relevance").ValueKind);
            Assert.All(Results(response), hit => Assert.Equal(JsonValueKind.Null, hit.GetProperty("relevance").ValueKind));

            var problem = await client.GetJsonAsync($"/api/search?collection={C}&q=a dog barking&min_relevance=0.5", HttpStatusCode.UnprocessableEntity);
            Assert.Equal("min_relevance", problem.GetProperty("parameter").GetString());
            Assert.Contains("no calibration", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
