using System.Net;
using System.Text.Json;
using SearchEngine.QueryApi.Tests.Access;
using static SearchEngine.QueryApi.Tests.Uploads.UploadRequests;

namespace SearchEngine.QueryApi.Tests.Uploads;

/// <summary>POST /api/collections/{name}/documents: acknowledged uploads are stored, served and searchable at once; every refusal is a problem that names why.</summary>
public sealed class UploadTests(UploadSite site) : IClassFixture<UploadSite>
{
    private const string C = UploadSite.Collection;

    [Fact]
    public async Task Uploaded_files_are_201_with_ids_searchable_at_once_described_and_their_media_served()
    {
        var picture = UploadMedia.Jpeg(seed: 101);
        var other = UploadMedia.Jpeg(seed: 102);
        var tone = UploadMedia.Wav(frequency: 660);
        const string documents = """[{"title":"Shapes","caption":"coloured shapes on a plain ground","metadata":{"album":"tests","n":1}},null,{"title":"A tone"}]""";

        using var response = await site.Client.SendAsync(Files(C, site.WriteKey, [("shapes.jpg", picture), ("more.jpg", other), ("tone.wav", tone)], documents));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await BodyAsync(response);
        var items = body.GetProperty("documents").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2], items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.Equal(["shapes.jpg", "more.jpg", "tone.wav"], items.Select(i => i.GetProperty("file_name").GetString()));
        Assert.All(items, i => Assert.Equal("created", i.GetProperty("status").GetString()));
        Assert.All(items, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("error").ValueKind));
        var id = items[0].GetProperty("id").GetInt64();
        Assert.Equal(3, items.Select(i => i.GetProperty("id").GetInt64()).Distinct().Count());
        Assert.True(body.GetProperty("sequence").GetInt64() > 0);

        // Searchable right after the 201, though the serving copy's own catch-up runs only once a minute here.
        Assert.Equal(id, (await SearchByImageAsync(site.Client, site.WriteKey, C, picture))[0]);

        using var record = await site.Client.SendAsync(Requests.Get($"/api/documents/{id}", site.WriteKey));
        var stored = await BodyAsync(record);
        Assert.Equal("Shapes", stored.GetProperty("title").GetString());
        Assert.Equal("coloured shapes on a plain ground", stored.GetProperty("caption").GetString());
        Assert.Equal("tests", stored.GetProperty("metadata").GetProperty("album").GetString());
        Assert.Equal("image", stored.GetProperty("modality").GetString());
        Assert.StartsWith(site.UploadRoot, stored.GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal("audio", (await BodyAsync(await site.Client.SendAsync(Requests.Get($"/api/documents/{items[2].GetProperty("id").GetInt64()}", site.WriteKey)))).GetProperty("modality").GetString());

        using var media = await site.Client.SendAsync(Requests.Get($"/api/documents/{id}/media", site.WriteKey));
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal("image/jpeg", media.Content.Headers.ContentType?.MediaType);
        Assert.Equal(picture, await media.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_same_content_again_is_201_exists_with_the_first_id_and_no_second_document()
    {
        var picture = UploadMedia.Jpeg(seed: 201);
        using var first = await site.Client.SendAsync(Files(C, site.WriteKey, [("a.jpg", picture)]));
        using var again = await site.Client.SendAsync(Files(C, site.WriteKey, [("renamed.jpg", picture)]));

        var created = (await DocumentsAsync(first))[0];
        var existing = (await DocumentsAsync(again))[0];
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("created", created.GetProperty("status").GetString());
        Assert.Equal("exists", existing.GetProperty("status").GetString());
        Assert.Equal(created.GetProperty("id").GetInt64(), existing.GetProperty("id").GetInt64());
        Assert.Equal(1, await CountAsync("content_sha256 = encode(sha256(@bytes), 'hex')", picture));

        // Content the indexer took from a folder is the same content: its document is the one answered.
        var seed = await File.ReadAllBytesAsync(site.SeedFile);
        using var seedAgain = await site.Client.SendAsync(Files(C, site.WriteKey, [("note.txt", seed)]));
        Assert.Equal(HttpStatusCode.Created, seedAgain.StatusCode);
        var seedItem = (await DocumentsAsync(seedAgain))[0];
        Assert.Equal("exists", seedItem.GetProperty("status").GetString());
        await using var seedId = site.Data.CreateCommand("SELECT id FROM documents WHERE uri = @uri");
        seedId.Parameters.AddWithValue("uri", site.SeedFile);
        Assert.Equal((long)(await seedId.ExecuteScalarAsync())!, seedItem.GetProperty("id").GetInt64());
        Assert.Equal(1, await CountAsync("content_sha256 = encode(sha256(@bytes), 'hex')", seed));
    }

    [Fact]
    public async Task A_corrupt_file_beside_a_good_one_is_200_with_the_failed_item_naming_its_stage()
    {
        var broken = UploadMedia.CorruptJpeg(seed: 302);
        using var response = await site.Client.SendAsync(Files(C, site.WriteKey, [("good.jpg", UploadMedia.Jpeg(seed: 301)), ("broken.jpg", broken)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = await DocumentsAsync(response);
        Assert.Equal("created", items[0].GetProperty("status").GetString());
        Assert.Equal("failed", items[1].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("id").ValueKind);
        Assert.Equal("decode", items[1].GetProperty("error").GetProperty("stage").GetString());
        var detail = items[1].GetProperty("error").GetProperty("detail").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.DoesNotContain(site.UploadRoot, detail, StringComparison.Ordinal);
        // Bytes that cannot be decoded are not kept in the store.
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(broken));
        Assert.Empty(Directory.EnumerateFiles(site.UploadRoot, sha + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Only_failures_are_a_422_problem_carrying_the_documents()
    {
        using var response = await site.Client.SendAsync(Files(C, site.WriteKey, [("x.jpg", UploadMedia.CorruptJpeg(seed: 401)), ("y.jpg", UploadMedia.CorruptJpeg(seed: 402))]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await Requests.ProblemAsync(response);
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Equal(["failed", "failed"], problem.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("status").GetString()));
        Assert.Equal("decode", problem.GetProperty("documents")[0].GetProperty("error").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Text_documents_sent_as_json_are_201_and_found_by_a_text_search()
    {
        const string text = "Knitting a woollen scarf: cast on forty stitches with thick yarn and knit every row until the scarf is long enough.";
        using var response = await site.Client.SendAsync(Json(C, site.WriteKey, new { documents = new[] { new { text, title = "Scarf", metadata = new { kind = "howto" } } } }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = (await DocumentsAsync(response))[0];
        Assert.Equal(JsonValueKind.Null, item.GetProperty("file_name").ValueKind);
        var id = item.GetProperty("id").GetInt64();
        using var search = await site.Client.SendAsync(Requests.Get($"/api/search?collection={C}&q=knitting+a+woollen+scarf&modality=text&k=3", site.WriteKey));
        var hits = (await BodyAsync(search)).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(id, hits[0]);
        var stored = await BodyAsync(await site.Client.SendAsync(Requests.Get($"/api/documents/{id}", site.WriteKey)));
        Assert.Equal("Scarf", stored.GetProperty("title").GetString());
        Assert.Equal("howto", stored.GetProperty("metadata").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Malformed_requests_are_400_415_and_413_naming_the_field_or_limit()
    {
        using var noFiles = await site.Client.SendAsync(Files(C, site.WriteKey, [], documents: "[]"));
        Assert.Equal(HttpStatusCode.BadRequest, noFiles.StatusCode);
        Assert.Equal("file", (await Requests.ProblemAsync(noFiles)).GetProperty("parameter").GetString());

        using var badJson = await site.Client.SendAsync(Files(C, site.WriteKey, [("a.jpg", UploadMedia.Jpeg(seed: 501))], documents: "[{\"title\": 3}]"));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal("documents", (await Requests.ProblemAsync(badJson)).GetProperty("parameter").GetString());

        using var plain = await site.Client.SendAsync(Requests.With(new HttpRequestMessage(HttpMethod.Post, $"/api/collections/{C}/documents") { Content = new StringContent("hello") }, site.WriteKey));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        await Requests.ProblemAsync(plain);

        var big = new byte[UploadSite.MaxFileBytes + 1];
        using var oversize = await site.Client.SendAsync(Files(C, site.WriteKey, [("big.jpg", big)]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
        Assert.Contains("QueryApi:MaxUploadBytes", (await Requests.ProblemAsync(oversize)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var many = Enumerable.Range(0, UploadSite.MaxFiles + 1).Select(i => ($"{i}.jpg", UploadMedia.Jpeg(seed: 510 + i, 64, 48)));
        using var tooMany = await site.Client.SendAsync(Files(C, site.WriteKey, many));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Contains("Uploads:MaxFilesPerRequest", (await Requests.ProblemAsync(tooMany)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Each file within its limit, together past the request's.
        var heavy = Enumerable.Range(0, UploadSite.MaxFiles).Select(i => ($"{i}.jpg", Noise((int)UploadSite.MaxFileBytes - 1000, 520 + i)));
        using var tooHeavy = await site.Client.SendAsync(Files(C, site.WriteKey, heavy));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooHeavy.StatusCode);
        Assert.Contains("Uploads:MaxRequestBytes", (await Requests.ProblemAsync(tooHeavy)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Nothing of the refused requests was kept.
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(site.UploadRoot, ".incoming")));
    }

    [Fact]
    public async Task A_request_larger_than_one_file_limit_in_total_is_taken_when_each_file_is_within_it()
    {
        // Four files of ~300 KB: past Kestrel's body limit for the other endpoints (one file) in total, within the
        // upload endpoint's own. On Kestrel: the in-memory test server has no body limits.
        var (api, client) = site.OnKestrel();
        await using var _ = api;
        using var __ = client;
        var files = Enumerable.Range(0, 4).Select(i => ($"noise{i}.jpg", Noise(300 * 1024, 600 + i))).ToList();
        files[0] = ("real.jpg", UploadMedia.Jpeg(seed: 600));
        using var response = await client.SendAsync(Files(C, site.WriteKey, files));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("created", (await DocumentsAsync(response))[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Missing_collections_and_collections_beyond_the_key_are_404_and_a_read_key_is_403()
    {
        var picture = UploadMedia.Jpeg(seed: 701);
        using var missing = await site.Client.SendAsync(Files("no-such-collection", site.WriteKey, [("a.jpg", picture)]));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var limited = await site.KeyAsync("write", UploadSite.Other);
        using var beyond = await site.Client.SendAsync(Files(C, limited, [("a.jpg", picture)]));
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        Assert.Equal((await Requests.ProblemAsync(missing)).GetProperty("title").GetString(), (await Requests.ProblemAsync(beyond)).GetProperty("title").GetString());

        using var reader = await site.Client.SendAsync(Files(C, await site.KeyAsync("read"), [("a.jpg", picture)]));
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);

        using var anonymous = await site.Client.SendAsync(Files(C, null, [("a.jpg", picture)]));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var allowed = await site.Client.SendAsync(Files(UploadSite.Other, limited, [("a.jpg", picture)]));
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.Equal(0, await CountAsync("collection_id = (SELECT id FROM collections WHERE name = 'uploads') AND content_sha256 = encode(sha256(@bytes), 'hex')", picture));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM collections WHERE name = 'no-such-collection'"));
    }

    private async Task<long> CountAsync(string where, byte[] bytes)
    {
        await using var command = site.Data.CreateCommand($"SELECT count(*) FROM documents WHERE {where}");
        command.Parameters.AddWithValue("bytes", bytes);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = site.Data.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
