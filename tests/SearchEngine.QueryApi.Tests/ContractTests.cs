using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Cluster.Status;

namespace SearchEngine.QueryApi.Tests;

/// <summary>The documented HTTP contract: OpenAPI, collections, documents, thumbnails, ranged media, readiness.</summary>
public sealed class ContractTests(SearchSite site) : IClassFixture<SearchSite>
{
    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        var document = await site.Client.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/search", "/api/collections", "/api/documents/{id}", "/api/documents/{id}/thumbnail", "/api/documents/{id}/media", "/api/cluster", "/api/collections/{name}/documents" })
        {
            Assert.Contains(paths, p => p.TrimEnd('/') == path);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_kind_of_match_of_every_result()
    {
        var document = await site.Client.GetJsonAsync("/openapi/v1.json");
        var properties = document.GetProperty("components").GetProperty("schemas").GetProperty("SearchResultItem").GetProperty("properties");
        foreach (var name in new[] { "match", "offset_seconds", "confidence", "segment" })
        {
            Assert.True(properties.TryGetProperty(name, out _), $"SearchResultItem has no '{name}': {properties}");
        }
    }

    [Fact]
    public async Task The_cluster_endpoint_in_single_node_mode_reports_this_process_and_the_collections_it_serves()
    {
        // A query opens the collection: the single node reports what it serves, and opens nothing itself.
        await site.Client.GetJsonAsync($"/api/search?collection={SearchSite.Collection}&q=a dog&k=1");

        var status = await site.Client.GetJsonAsync("/api/cluster");

        Assert.Equal("single-node", status.GetProperty("mode").GetString());
        var node = Assert.Single(status.GetProperty("nodes").EnumerateArray().ToList());
        Assert.Equal("active", node.GetProperty("status").GetString());
        Assert.True(node.GetProperty("memory_bytes").GetInt64() > 0, node.ToString());
        var sample = status.GetProperty("collections").EnumerateArray().Single(c => c.GetProperty("name").GetString() == SearchSite.Collection);
        var head = sample.GetProperty("head_sequence").GetInt64();
        Assert.True(head > 0, sample.ToString());
        // Nothing was written since the copy opened, and it caught up when it did.
        Assert.Equal(head, sample.GetProperty("sequence").GetInt64());
        Assert.Equal(0, sample.GetProperty("lag").GetInt64());
        // At least one vector per document (12), and the index's memory beside them.
        var vectors = sample.GetProperty("vectors").GetInt64();
        Assert.True(vectors >= 12, sample.ToString());
        Assert.True(sample.GetProperty("memory_bytes").GetInt64() > vectors * 4, sample.ToString());
        Assert.Empty(sample.GetProperty("shards").EnumerateArray());

        var schemas = (await site.Client.GetJsonAsync("/openapi/v1.json")).GetProperty("components").GetProperty("schemas");
        var properties = schemas.GetProperty("ClusterStatus").GetProperty("properties");
        foreach (var name in new[] { "mode", "nodes", "collections" })
        {
            Assert.True(properties.TryGetProperty(name, out _), $"ClusterStatus has no '{name}': {properties}");
        }
    }

    [Fact]
    public async Task A_single_node_starts_no_orleans_client_and_reads_its_status_locally()
    {
        await using var api = site.Variant();
        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/cluster", UriKind.Relative))).StatusCode);
        Assert.Null(api.Services.GetService<Orleans.IClusterClient>());
        Assert.IsType<SingleNodeStatusReader>(api.Services.GetRequiredService<IClusterStatusReader>());
    }

    [Fact]
    public async Task Collections_lists_the_indexed_collection_with_its_pack()
    {
        var collections = await site.Client.GetJsonAsync("/api/collections");
        var sample = collections.EnumerateArray().Single(c => c.GetProperty("name").GetString() == SearchSite.Collection);
        Assert.Equal(DefaultPack.Id, sample.GetProperty("pack_id").GetString());
    }

    [Fact]
    public async Task Collections_count_the_documents_of_each_modality()
    {
        var collections = await site.Client.GetJsonAsync("/api/collections");
        var sample = collections.EnumerateArray().Single(c => c.GetProperty("name").GetString() == SearchSite.Collection);
        var modalities = sample.GetProperty("modalities");

        // The corpus: 4 photos (their .txt captions are sidecars, not documents), 4 clips, 1 video, 3 texts.
        Assert.Equal(4, modalities.GetProperty("image").GetInt64());
        Assert.Equal(4, modalities.GetProperty("audio").GetInt64());
        Assert.Equal(1, modalities.GetProperty("video").GetInt64());
        Assert.Equal(3, modalities.GetProperty("text").GetInt64());
        Assert.Equal(12, sample.GetProperty("documents").GetInt64());
    }

    [Fact]
    public async Task Audio_and_video_results_carry_their_length_and_images_none()
    {
        var audio = await site.Client.GetJsonAsync($"/api/search?collection={SearchSite.Collection}&q=a dog barking&modality=audio&k=4");
        Assert.All(audio.GetProperty("results").EnumerateArray(), r => Assert.InRange(r.GetProperty("duration").GetDouble(), 0.1, 4.05)); // UrbanSound8K clips last up to 4 s

        var video = await site.Client.GetJsonAsync($"/api/search?collection={SearchSite.Collection}&q=a dog barking&modality=video&k=1");
        Assert.InRange(video.Result(SampleCorpus.Video).GetProperty("duration").GetDouble(), 11.5, 12.5); // the generated video is 12 s

        var image = await site.Client.GetJsonAsync($"/api/search?collection={SearchSite.Collection}&q=a dog&modality=image&k=1");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, image.GetProperty("results")[0].GetProperty("duration").ValueKind);
    }

    [Fact]
    public async Task A_result_links_to_a_jpeg_thumbnail_and_to_media_that_serves_byte_ranges()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={SearchSite.Collection}&q=a dog&modality=image&k=1");
        var result = response.GetProperty("results")[0];

        using var thumbnail = await site.Client.GetAsync(new Uri(result.GetProperty("thumbnail_url").GetString()!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(result.GetProperty("media_url").GetString()!, UriKind.Relative));
        request.Headers.Range = new RangeHeaderValue(0, 99);
        using var media = await site.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, media.StatusCode);
        Assert.Equal(100, (await media.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task A_document_has_its_caption_from_the_sidecar()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={SearchSite.Collection}&q=a surfer&modality=image&k=4");
        var beach = response.Result(SampleCorpus.BeachImage);
        var document = await site.Client.GetJsonAsync($"/api/documents/{beach.GetProperty("id").GetInt64()}");
        Assert.Contains("surfer", document.GetProperty("caption").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ready_reports_the_database_and_the_caught_up_index()
    {
        HttpResponseMessage? response = null;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            response?.Dispose();
            response = await site.Client.GetAsync(new Uri("/ready", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        response.Dispose();
    }

    [Fact]
    public async Task Scores_are_cosine_similarities_in_descending_order()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={SearchSite.Collection}&q=a dog&k=10&rerank=false");
        var scores = response.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("score").GetSingle()).ToList();
        Assert.All(scores, s => Assert.InRange(s, -1.0001f, 1.0001f));
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }
}
