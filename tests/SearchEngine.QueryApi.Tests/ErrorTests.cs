using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SearchEngine.Storage.Collections;

namespace SearchEngine.QueryApi.Tests;

/// <summary>Every error a client can cause gets an RFC 7807 problem naming what to fix, never a stack trace or a crash.</summary>
public sealed class ErrorTests(SearchSite site) : IClassFixture<SearchSite>
{
    private const string C = SearchSite.Collection;

    private static void AssertProblem(JsonElement problem, int status, string mustMention)
    {
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(mustMention, detail, StringComparison.OrdinalIgnoreCase);
        var text = problem.GetRawText();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_collection_is_404_naming_it()
    {
        var problem = await site.Client.GetJsonAsync("/api/search?collection=nope&q=dog", HttpStatusCode.NotFound);
        AssertProblem(problem, 404, "'nope'");
    }

    [Theory]
    [InlineData("k=0", "k")]
    [InlineData("k=1000", "k")]
    [InlineData("k=ten", "k")]
    [InlineData("modality=smell", "modality")]
    [InlineData("diversity=2", "diversity")]
    [InlineData("rerank=maybe", "rerank")]
    [InlineData("filter={oops", "filter")]
    [InlineData("filter={\"width\":{\"near\":3}}", "near")]
    [InlineData("min_relevance=1.5", "min_relevance")]
    [InlineData("min_relevance=-0.1", "min_relevance")]
    [InlineData("min_relevance=high", "min_relevance")]
    [InlineData("min_relevance=NaN", "min_relevance")]
    public async Task A_bad_parameter_is_400_naming_the_parameter(string parameter, string named)
    {
        var problem = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=dog&{parameter}", HttpStatusCode.BadRequest);
        AssertProblem(problem, 400, named);
    }

    [Fact]
    public async Task A_query_text_over_the_limit_is_400_naming_the_limit_and_is_not_echoed()
    {
        var text = new string('a', 2001);
        var problem = await site.Client.GetJsonAsync($"/api/search?collection={C}&q={text}", HttpStatusCode.BadRequest);
        AssertProblem(problem, 400, "q");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("2000", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(text, problem.GetRawText(), StringComparison.Ordinal);

        // At the limit the query is served.
        var response = await site.Client.GetAsync(new Uri($"/api/search?collection={C}&q={new string('a', 2000)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"collection\":\"sample\",\"text\":\"dog\",\"min_relevance\":2}", "min_relevance")]
    [InlineData("{\"collection\":\"sample\",\"text\":\"dog\",\"min_relevance\":\"high\"}", "min_relevance")]
    [InlineData("{\"collection\":\"sample\",\"text\":\"dog\",\"k\":\"ten\"}", "k")]
    public async Task A_bad_field_in_a_json_body_is_400_naming_the_field(string body, string named)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await site.Client.PostAsync(new Uri("/api/search", UriKind.Relative), content);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertProblem(problem, 400, named);
        Assert.Equal(named, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task A_bad_min_relevance_in_a_form_is_400_naming_it()
    {
        var problem = await site.Client.UploadAsync(site.Corpus.PathOf(SampleCorpus.Siren),
            new Dictionary<string, string> { ["collection"] = C, ["min_relevance"] = "7" }, HttpStatusCode.BadRequest);
        AssertProblem(problem, 400, "min_relevance");
    }

    [Fact]
    public async Task A_missing_query_is_400_saying_what_to_send()
    {
        var problem = await site.Client.GetJsonAsync($"/api/search?collection={C}", HttpStatusCode.BadRequest);
        AssertProblem(problem, 400, "q is required");
    }

    [Fact]
    public async Task A_file_that_is_no_media_is_415()
    {
        var path = Path.Combine(site.Corpus.Folder, "notes.pdf");
        await File.WriteAllTextAsync(path, "%PDF-1.4 this is not an image or a sound");
        var problem = await site.Client.UploadAsync(path, new Dictionary<string, string> { ["collection"] = C }, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(415, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_truncated_image_is_422_with_the_reason()
    {
        var bytes = await File.ReadAllBytesAsync(site.Corpus.PathOf(SampleCorpus.DogImage));
        var path = Path.Combine(site.Corpus.Folder, "broken.jpg");
        await File.WriteAllBytesAsync(path, bytes.AsSpan(0, 600).ToArray());
        var problem = await site.Client.UploadAsync(path, new Dictionary<string, string> { ["collection"] = C }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413()
    {
        var path = Path.Combine(site.Corpus.Folder, "huge.wav");
        await File.WriteAllBytesAsync(path, new byte[SearchSite.UploadLimit + (512 * 1024)]);
        var problem = await site.Client.UploadAsync(path, new Dictionary<string, string> { ["collection"] = C }, HttpStatusCode.RequestEntityTooLarge);
        AssertProblem(problem, 413, "larger");
    }

    [Fact]
    public async Task A_collection_bound_to_another_pack_build_is_409_naming_both()
    {
        await using (var data = Npgsql.NpgsqlDataSource.Create(site.ConnectionString))
        {
            await new CollectionStore(data).CreateOrGetAsync("stale", DefaultPack.Id, new string('0', 64), 4);
        }

        var problem = await site.Client.GetJsonAsync("/api/search?collection=stale&q=dog", HttpStatusCode.Conflict);
        AssertProblem(problem, 409, DefaultPack.Id);
    }

    [Fact]
    public async Task A_missing_document_is_404()
    {
        var problem = await site.Client.GetJsonAsync("/api/documents/987654321", HttpStatusCode.NotFound);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_service_keeps_answering_after_bad_requests()
    {
        await site.Client.GetJsonAsync("/api/search?collection=nope&q=dog", HttpStatusCode.NotFound);
        var health = await site.Client.GetJsonAsync("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"collection\":\"sample\",\n\"text\": dog}", "line 2")]
    [InlineData("{\"collection\":\"sample\",\"text\":\"dog\"", "line 1")]
    public async Task Malformed_json_is_400_naming_the_body_and_where_it_broke(string body, string position)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await site.Client.PostAsync(new Uri("/api/search", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        AssertProblem(problem, 400, position);
        Assert.Equal("body", problem.GetProperty("parameter").GetString());
        Assert.DoesNotContain("dog", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_body_over_its_own_limit_is_413_while_uploads_of_that_size_are_accepted()
    {
        var big = $$$"""{"collection":"{{{C}}}","text":"dog","filter":{"uri":"{{{new string('x', 70_000)}}}"}}""";
        using var content = new StringContent(big, Encoding.UTF8, "application/json");
        using var response = await site.Client.PostAsync(new Uri("/api/search", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AssertProblem(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, 413, "MaxJsonBodyBytes");

        // A 70 KB image is well inside the upload limit.
        var image = site.Corpus.PathOf(SampleCorpus.DogImage);
        Assert.True(new FileInfo(image).Length > 0);
        await site.Client.UploadAsync(image, new Dictionary<string, string> { ["collection"] = C }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_query_text_over_the_limit_is_refused_the_same_way_in_json_and_forms()
    {
        var text = new string('a', 2001);
        var json = await site.Client.PostJsonAsync(new { collection = C, text }, HttpStatusCode.BadRequest);
        AssertProblem(json, 400, "2000");
        var form = await site.Client.UploadAsync(site.Corpus.PathOf(SampleCorpus.DogImage),
            new Dictionary<string, string> { ["collection"] = C, ["q"] = text }, HttpStatusCode.BadRequest);
        AssertProblem(form, 400, "2000");
        Assert.DoesNotContain(text, form.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_routes_and_wrong_methods_are_problem_details()
    {
        AssertProblem(await site.Client.GetJsonAsync("/api/nope", HttpStatusCode.NotFound), 404, "/api/search");
        using var delete = await site.Client.DeleteAsync(new Uri("/api/search", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        AssertProblem(JsonDocument.Parse(await delete.Content.ReadAsStringAsync()).RootElement, 405, "DELETE");
    }

    [Fact]
    public async Task Client_mistakes_are_logged_as_warnings_without_a_stack_trace()
    {
        var logs = new CapturedLogs();
        await using var api = site.Variant();
        await using var logged = api.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var client = logged.CreateClient();
        using (await client.GetAsync(new Uri($"/api/search?collection={C}&q=dog&k=ten", UriKind.Relative)))
        using (await client.PostAsync(new Uri("/api/search", UriKind.Relative), new StringContent("{oops", Encoding.UTF8, "application/json")))
        using (await client.GetAsync(new Uri("/api/nope", UriKind.Relative)))
        using (await client.GetAsync(new Uri("http://evil.example/api/collections")))
        {
        }

        var warnings = logs.Entries.Where(e => e.Category.EndsWith("ClientErrorDetails", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.Contains(warnings, w => w.Message.Contains("k must be a whole number", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Message.Contains(" 404 ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(logs.Entries, e => e.Exception is not null && e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_request_past_its_time_limit_is_504_problem_details()
    {
        await using var api = site.Variant(("QueryApi:RequestTimeout", "00:00:00.001"));
        using var client = api.CreateClient();
        var problem = await client.GetJsonAsync($"/api/search?collection={C}&q=dog", HttpStatusCode.GatewayTimeout);
        AssertProblem(problem, 504, "RequestTimeout");
    }
}
