using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Maps;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;

namespace SearchEngine.QueryApi.Tests.Access;

/// <summary>
/// GET /api/collections/{collection}/map over real PostgreSQL: 202 while the first layout runs, then one point per
/// document with its modality in the binary format, an ETag that answers 304, gzip on request, documents written later
/// placed without a new layout; 404 for an unknown collection and 403 for a key limited to another one.
/// </summary>
public sealed class MapEndpointTests(AccessSite site) : IClassFixture<AccessSite>
{
    private const int Dimension = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_document_gets_a_point_with_its_modality_and_later_ones_are_placed()
    {
        await using var data = NpgsqlDataSource.Create(site.Settings["ConnectionStrings:Search"]!);
        var collection = await new CollectionStore(data).CreateOrGetAsync("mapped", "no-pack", new string('0', 64), Dimension);
        var documents = new DocumentStore(data);
        var mixture = new GaussianMixture(new Random(4), clusters: 3, Dimension, spread: 0.05f);
        var modalities = new[] { Modality.Image, Modality.Audio, Modality.Video, Modality.Text };
        var written = await documents.WriteAsync(collection, [.. Enumerable.Range(0, 60).Select(i => Document(i, modalities[i % 4], mixture))]);
        var expected = written.Documents.ToDictionary(d => d.DocumentId, d => modalities[int.Parse(Path.GetFileNameWithoutExtension(d.Uri), System.Globalization.CultureInfo.InvariantCulture) % 4]);
        var key = await site.KeyAsync("read");
        await using var api = site.Variant(("Maps:RefreshInterval", "00:00:00.200"));
        using var client = api.CreateClient();

        using var first = await client.SendAsync(Requests.Get("/api/collections/mapped/map", key));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.NotNull(first.Headers.RetryAfter?.Delta);

        var (response, map) = await MapAsync(client, key, m => m.Count == 60);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected.Keys.Order(), map.DocumentIds.Order());
        for (var i = 0; i < map.Count; i++)
        {
            Assert.Equal(expected[map.DocumentIds[i]], map.Modalities[i]);
        }

        Assert.All(map.Coordinates, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(await new SegmentStore(data).GetLastSequenceAsync(collection.Id), map.Sequence);
        Assert.Equal(0, map.Drift);

        // The ETag names this map: asking again with it costs nothing.
        var tag = response.Headers.ETag!;
        using var again = Requests.Get("/api/collections/mapped/map", key);
        again.Headers.IfNoneMatch.Add(tag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // Gzip when asked for, the same bytes inside.
        using var zipped = Requests.Get("/api/collections/mapped/map", key);
        zipped.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var zippedResponse = await client.SendAsync(zipped);
        Assert.Equal("gzip", Assert.Single(zippedResponse.Content.Headers.ContentEncoding));
        Assert.NotEqual(tag, zippedResponse.Headers.ETag);
        await using var unzip = new GZipStream(await zippedResponse.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await unzip.CopyToAsync(unzipped);
        Assert.Equal(await response.Content.ReadAsByteArrayAsync(), unzipped.ToArray());

        // Two more documents (3 %, under Maps:RecomputeFraction): placed among their neighbours, the others unmoved.
        await documents.WriteAsync(collection, [Document(100, Modality.Text, mixture), Document(101, Modality.Image, mixture)]);
        var (_, grown) = await MapAsync(client, key, m => m.Count == 62);
        Assert.Equal(2, grown.Drift);
        Assert.NotEqual(tag, (await client.SendAsync(Requests.Get("/api/collections/mapped/map", key))).Headers.ETag);
        for (var i = 0; i < map.Count; i++)
        {
            var at = grown.DocumentIds.ToList().IndexOf(map.DocumentIds[i]);
            Assert.Equal(map.Coordinates[2 * i], grown.Coordinates[2 * at]);
        }

        // A placed point is a mean of mapped points, so it lies inside the old map's bounds.
        for (var i = 0; i < grown.Count; i++)
        {
            if (!map.DocumentIds.Contains(grown.DocumentIds[i]))
            {
                Assert.InRange(grown.Coordinates[2 * i], map.Bounds.MinX, map.Bounds.MaxX);
                Assert.InRange(grown.Coordinates[(2 * i) + 1], map.Bounds.MinY, map.Bounds.MaxY);
            }
        }
    }

    [Fact]
    public async Task An_unknown_collection_is_404_and_another_keys_collection_403()
    {
        var key = await site.KeyAsync("read");
        using var unknown = await site.Client.SendAsync(Requests.Get("/api/collections/nowhere/map", key));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("'nowhere'", (await Requests.ProblemAsync(unknown)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var alphaOnly = await site.KeyAsync("read", AccessSite.Alpha);
        using var other = await site.Client.SendAsync(Requests.Get($"/api/collections/{AccessSite.Beta}/map", alphaOnly));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var anonymous = await site.Client.SendAsync(Requests.Get($"/api/collections/{AccessSite.Beta}/map"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_binary_map_and_its_202()
    {
        var document = System.Text.Json.JsonDocument.Parse(await site.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var responses = document.GetProperty("paths").GetProperty("/api/collections/{collection}/map").GetProperty("get").GetProperty("responses");
        Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("application/octet-stream", out _));
        Assert.True(responses.TryGetProperty("202", out _));
        Assert.True(responses.TryGetProperty("404", out _));
    }

    private static DocumentWrite Document(int i, Modality modality, GaussianMixture mixture) => new(
        $"/media/map/{i}.bin", modality, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))), 1,
        [new Segment(SegmentKind.Whole, null, null, mixture.Draw()), new Segment(SegmentKind.Whole, null, null, mixture.Draw())]);

    private static async Task<(HttpResponseMessage Response, CollectionMap Map)> MapAsync(HttpClient client, string key, Func<CollectionMap, bool> ready)
    {
        HttpResponseMessage? last = null;
        CollectionMap? map = null;
        await Eventually.ThatAsync(async () =>
        {
            last?.Dispose();
            last = await client.SendAsync(Requests.Get("/api/collections/mapped/map", key));
            if (last.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.Accepted, last.StatusCode);
                return false;
            }

            map = MapFormat.Decode(await last.Content.ReadAsByteArrayAsync());
            return ready(map);
        }, Patience, "the map did not come");
        return (last!, map!);
    }
}
