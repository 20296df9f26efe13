using System.Net;
using Npgsql;
using SearchEngine.QueryApi.Tests.Access;

namespace SearchEngine.QueryApi.Tests.Writes;

/// <summary>
/// PUT and DELETE of documents: an edited caption is embedded and searched at once, title and metadata reach full-text
/// search and filters, a deleted document is gone from search when the 204 arrives, and only write keys that reach the
/// document's collection may do either.
/// </summary>
[Collection(WriteSite.Name)]
public sealed class DocumentWriteTests(WriteSite site)
{
    private const string C = WriteSite.Collection;

    [Fact]
    public async Task A_new_caption_is_what_a_text_search_finds_right_after_the_answer()
    {
        const string Phrase = "a red fire truck parked beside a lighthouse";
        var read = await site.KeyAsync("read");
        var id = await IdOfAsync("snow.jpg");
        Assert.NotEqual("snow.jpg", Path.GetFileName((await site.Client.SearchAsync(read, C, Phrase, k: 1)).Single()));

        var updated = await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/documents/{id}", await site.KeyAsync("write"), new { caption = Phrase });
        Assert.Equal(Phrase, updated.GetProperty("caption").GetString());
        Assert.Equal(id, updated.GetProperty("id").GetInt64());

        Assert.Equal("snow.jpg", Path.GetFileName((await site.Client.SearchAsync(read, C, Phrase, k: 1)).Single()));
        var stored = await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/documents/{id}", read);
        Assert.Equal(Phrase, stored.GetProperty("caption").GetString());
        // One untimed caption segment: the old one was replaced, not kept beside the new one.
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM segments WHERE document_id = {id} AND kind = 'caption' AND start_s IS NULL"));
    }

    [Fact]
    public async Task Absent_fields_stay_null_clears_and_metadata_reaches_filters_at_once()
    {
        var read = await site.KeyAsync("read");
        var write = await site.KeyAsync("write", C);
        var id = await IdOfAsync("beach.jpg");
        var before = await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/documents/{id}", read);
        var filter = Uri.EscapeDataString("{\"metadata.team\":\"writes\"}");
        var filtered = $"/api/search?collection={C}&q=ocean&k=5&filter={filter}";
        Assert.Empty((await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, filtered, read)).GetProperty("results").EnumerateArray());

        var titled = await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/documents/{id}", write, new { title = "Surf day", metadata = new { team = "writes" } });
        Assert.Equal("Surf day", titled.GetProperty("title").GetString());
        Assert.Equal(before.GetProperty("caption").GetString(), titled.GetProperty("caption").GetString());
        var hits = (await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, filtered, read)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("beach.jpg", Path.GetFileName(Assert.Single(hits).GetProperty("uri").GetString()));

        var cleared = await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/documents/{id}", write, "{\"caption\": null}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("caption").ValueKind);
        Assert.Equal("Surf day", cleared.GetProperty("title").GetString());
        Assert.Equal("writes", cleared.GetProperty("metadata").GetProperty("team").GetString());

        var noMetadata = await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/documents/{id}", write, "{\"metadata\": null}");
        Assert.Empty(noMetadata.GetProperty("metadata").EnumerateObject());
        Assert.Empty((await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, filtered, read)).GetProperty("results").EnumerateArray());
        // The image's own vector is still there: only its text changed.
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM segments WHERE document_id = {id} AND kind = 'whole'"));
    }

    [Fact]
    public async Task A_deleted_document_is_gone_from_search_when_the_answer_arrives()
    {
        const string Phrase = "A man rides a bicycle down a dirt road";
        var read = await site.KeyAsync("read");
        var write = await site.KeyAsync("write");
        var id = await IdOfAsync("bike.jpg");
        Assert.Contains("bike.jpg", (await site.Client.SearchAsync(read, C, Phrase)).Select(Path.GetFileName));

        await site.Client.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/documents/{id}", write);

        Assert.DoesNotContain("bike.jpg", (await site.Client.SearchAsync(read, C, Phrase, k: 20)).Select(Path.GetFileName));
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/documents/{id}", read);
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"/api/documents/{id}", write);
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM segments WHERE document_id = {id}"));
    }

    [Fact]
    public async Task Read_keys_other_collections_keys_and_revoked_keys_change_nothing()
    {
        var id = await IdOfAsync("dog.jpg");
        var put = $"/api/documents/{id}";
        var read = await site.KeyAsync("read");
        await site.Client.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Put, put, read, new { title = "nope" });
        await site.Client.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Delete, put, read);

        var elsewhere = await site.KeyAsync("write", "elsewhere");
        var problem = await Requests.ProblemAsync(await site.Client.SendAsync(HttpMethod.Put, put, elsewhere, new { title = "nope" }));
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, put, elsewhere);

        var revoked = await site.Keys.CreateAsync("revoked writer", ["write"], null);
        await site.Keys.RevokeAsync(revoked.Key.Id);
        await site.Client.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Put, put, revoked.Token, new { title = "nope" });
        await site.Client.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Delete, put, null);

        var stored = await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, put, read);
        Assert.NotEqual("nope", stored.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("[]", "body")]
    [InlineData("{\"title\": 5}", "title")]
    [InlineData("{\"metadata\": [1]}", "metadata")]
    [InlineData("{\"color\": \"red\"}", "color")]
    [InlineData("{\"title\": \"a\", \"title\": \"b\"}", "title")]
    public async Task A_malformed_edit_is_400_naming_the_field(string body, string parameter)
    {
        var id = await IdOfAsync("dog.jpg");
        var problem = await Requests.ProblemAsync(await site.Client.SendAsync(HttpMethod.Put, $"/api/documents/{id}", await site.KeyAsync("write"), body));
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task An_unknown_document_is_404()
    {
        var write = await site.KeyAsync("write");
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, "/api/documents/987654321", write, new { title = "x" });
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, "/api/documents/987654321", write);
    }

    private async Task<long> IdOfAsync(string fileName) =>
        await ScalarAsync($"SELECT d.id FROM documents AS d JOIN collections AS c ON c.id = d.collection_id WHERE c.name = '{C}' AND d.uri LIKE '%/{fileName}'");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = site.Data.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
