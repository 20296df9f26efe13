using System.Net;
using System.Text.Json;
using Npgsql;
using SearchEngine.QueryApi.Tests.Access;
using SearchEngine.Storage.Collections;
using SearchEngine.Testing;

namespace SearchEngine.QueryApi.Tests.Writes;

/// <summary>
/// Indexing jobs over HTTP: accepted at once with a job id whose row exists, run in the background through the real
/// pipeline, described by GET with counts and file errors, streamed as server-sent events that end with 'done'; and
/// refused for paths outside Jobs:Roots, for keys without admin, and when no root is configured.
/// </summary>
[Collection(WriteSite.Name)]
public sealed class JobTests(WriteSite site)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_job_over_a_folder_of_images_completes_and_streams_progress_then_done()
    {
        var admin = await site.KeyAsync("admin");
        await site.Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/collections", admin, new { name = "w-job" });

        // The collection's writer lock, held here, stops the job at its first commit: the stream is read while it runs.
        var collectionId = (await new CollectionStore(site.Data).GetByNameAsync("w-job"))!.Id;
        var events = new List<(string Name, JsonElement Data)>();
        long id;
        await using (var writer = await site.Data.OpenConnectionAsync())
        {
            var held = await writer.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand($"SELECT se_lock_collection_writes({collectionId})", writer, held))
            {
                await command.ExecuteNonQueryAsync();
            }

            using var accepted = await site.Client.SendAsync(HttpMethod.Post, "/api/collections/w-job/jobs", admin, new { folders = new[] { site.ImageFolder } });
            var acceptedText = await accepted.Content.ReadAsStringAsync();
            Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, acceptedText);
            id = JsonDocument.Parse(acceptedText).RootElement.GetProperty("id").GetInt64();
            Assert.Equal($"/api/jobs/{id}", accepted.Headers.Location?.OriginalString);

            await foreach (var e in ReadEventsAsync($"/api/jobs/{id}/events", admin))
            {
                events.Add(e);
                if (events.Count == 2)
                {
                    // Two reports while the job was held: now let it commit.
                    await held.RollbackAsync();
                }
            }
        }

        Assert.True(events.Count >= 3, $"{events.Count} events");
        // Progress events count failures; only the summary lists them.
        Assert.Equal(JsonValueKind.Null, events[0].Data.GetProperty("errors").ValueKind);
        Assert.All(events[..^1], e => Assert.Equal("progress", e.Name));
        Assert.Equal("running", events[0].Data.GetProperty("status").GetString());
        var done = events[^1];
        Assert.Equal("done", done.Name);
        Assert.Equal("succeeded", done.Data.GetProperty("status").GetString());
        Assert.Equal(WriteSite.Images, done.Data.GetProperty("indexed").GetInt64());
        // The same snake_case JSON as the rest of the API.
        Assert.NotEqual(JsonValueKind.Null, done.Data.GetProperty("finished_at").ValueKind);

        var job = await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/jobs/{id}", admin);
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal("w-job", job.GetProperty("collection").GetString());
        Assert.Equal(WriteSite.Images, job.GetProperty("total").GetInt64());
        Assert.Equal(WriteSite.Images, job.GetProperty("seen").GetInt64());
        Assert.Equal(0, job.GetProperty("failed").GetInt64());
        Assert.Empty(job.GetProperty("errors").EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("finished_at").ValueKind);

        var collection = await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/collections/w-job", admin);
        Assert.Equal(WriteSite.Images, collection.GetProperty("modalities").GetProperty("image").GetInt64());
        Assert.Equal(WriteSite.Images, (await site.Client.SearchAsync(admin, "w-job", "colour bars", k: 10)).Count);
    }

    [Fact]
    public async Task A_file_that_cannot_be_decoded_is_listed_and_the_rest_indexed()
    {
        var admin = await site.KeyAsync("admin");
        await site.Client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/collections", admin, new { name = "w-mixed" });
        var id = (await site.Client.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/api/collections/w-mixed/jobs", admin,
            new { folders = new[] { site.MixedFolder } })).GetProperty("id").GetInt64();
        // The row exists as soon as the job is accepted.
        Assert.Equal(HttpStatusCode.OK, (await site.Client.SendAsync(HttpMethod.Get, $"/api/jobs/{id}", admin)).StatusCode);

        JsonElement job = default;
        await Eventually.ThatAsync(async () =>
        {
            job = await site.Client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/jobs/{id}", admin);
            return job.GetProperty("status").GetString() != "running";
        }, Patience, "the job did not finish");
        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(1, job.GetProperty("indexed").GetInt64());
        Assert.Equal(1, job.GetProperty("failed").GetInt64());
        var error = Assert.Single(job.GetProperty("errors").EnumerateArray());
        Assert.EndsWith("broken.png", error.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("reason").GetString()));

        // The stream of a finished job is its summary alone, with the files that failed.
        var events = new List<(string Name, JsonElement Data)>();
        await foreach (var e in ReadEventsAsync($"/api/jobs/{id}/events", admin))
        {
            events.Add(e);
        }

        var done = Assert.Single(events);
        Assert.Equal("done", done.Name);
        Assert.EndsWith("broken.png", Assert.Single(done.Data.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_outside_the_roots_is_400_naming_it()
    {
        var admin = await site.KeyAsync("admin");
        var outside = site.Corpus.Folder;
        var problem = await Requests.ProblemAsync(await site.Client.SendAsync(HttpMethod.Post, $"/api/collections/{WriteSite.Collection}/jobs", admin, new { folders = new[] { outside } }));
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("folders", problem.GetProperty("parameter").GetString());
        Assert.Contains(outside, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A link inside the root that leads out of it is judged by where it leads.
        var link = Path.Combine(site.JobRoot, "escape");
        if (!Directory.Exists(link))
        {
            Directory.CreateSymbolicLink(link, outside);
        }

        await site.Client.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/collections/{WriteSite.Collection}/jobs", admin, new { folders = new[] { link } });
        var manifest = await Requests.ProblemAsync(await site.Client.SendAsync(HttpMethod.Post, $"/api/collections/{WriteSite.Collection}/jobs", admin, new { manifest = "/etc/passwd" }));
        Assert.Equal("manifest", manifest.GetProperty("parameter").GetString());
        await site.Client.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/collections/{WriteSite.Collection}/jobs", admin, new { folders = new[] { "images" } });
        await site.Client.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/collections/{WriteSite.Collection}/jobs", admin, new { });
        await site.Client.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/collections/{WriteSite.Collection}/jobs", admin, "{\"folders\": [null]}");
    }

    [Fact]
    public async Task Only_admin_keys_start_or_read_jobs_and_unknown_ones_are_404()
    {
        var body = new { folders = new[] { site.ImageFolder } };
        foreach (var scopes in new[] { "read", "write" })
        {
            await site.Client.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/collections/{WriteSite.Collection}/jobs", await site.KeyAsync(scopes), body);
            await site.Client.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "/api/jobs/1", await site.KeyAsync(scopes));
        }

        await site.Client.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, $"/api/collections/{WriteSite.Collection}/jobs", null, body);
        var admin = await site.KeyAsync("admin");
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/collections/no-such-collection/jobs", admin, body);
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/jobs/987654321", admin);
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, "/api/jobs/987654321/events", admin);
    }

    [Fact]
    public async Task Without_roots_jobs_are_off_and_the_answer_says_how_to_turn_them_on()
    {
        await using var api = site.Variant(("Jobs:Roots:0", null));
        using var client = api.CreateClient();
        var problem = await Requests.ProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/collections/{WriteSite.Collection}/jobs", await site.KeyAsync("admin"),
            new { folders = new[] { site.ImageFolder } }));
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Contains("Jobs:Roots", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Reads a server-sent event stream to its end (bounded by <see cref="Patience"/>), yielding each event as it arrives.</summary>
    private async IAsyncEnumerable<(string Name, JsonElement Data)> ReadEventsAsync(string path, string key)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var request = Requests.Get(path, key);
        using var response = await site.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        string? name = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                yield return (name ?? "message", JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
                name = null;
            }
        }
    }
}
