using System.Net;
using SearchEngine.QueryApi.Tests.Access;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Jobs;

namespace SearchEngine.QueryApi.Tests.Writes;

/// <summary>POST, GET and DELETE of collections: what each answers, and who may.</summary>
[Collection(WriteSite.Name)]
public sealed class CollectionWriteTests(WriteSite site)
{
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    [Fact]
    public async Task A_collection_is_created_bound_to_the_default_pack_described_and_deleted()
    {
        var admin = await site.KeyAsync("admin");
        using var response = await site.Client.SendAsync(Post, "/api/collections", admin, new { name = "w-create" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/collections/w-create", response.Headers.Location?.OriginalString);
        var created = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var sample = (await new CollectionStore(site.Data).GetByNameAsync(WriteSite.Collection))!;
        Assert.Equal("w-create", created.GetProperty("name").GetString());
        Assert.Equal(DefaultPack.Id, created.GetProperty("pack").GetProperty("id").GetString());
        Assert.Equal(sample.PackFingerprint, created.GetProperty("pack").GetProperty("fingerprint").GetString());
        Assert.Equal(sample.Dimension, created.GetProperty("pack").GetProperty("dimension").GetInt32());
        Assert.Equal(0, created.GetProperty("documents").GetInt64());

        var described = await site.Client.ExpectAsync(HttpStatusCode.OK, Get, "/api/collections/w-create", await site.KeyAsync("read"));
        Assert.Equal(1, described.GetProperty("shard_count").GetInt32());
        Assert.Equal(0, described.GetProperty("segments").GetInt64());
        Assert.True(described.TryGetProperty("created_at", out _));

        var again = await Requests.ProblemAsync(await site.Client.SendAsync(Post, "/api/collections", admin, new { name = "w-create" }));
        Assert.Equal(409, again.GetProperty("status").GetInt32());

        await site.Client.ExpectAsync(HttpStatusCode.NoContent, Delete, "/api/collections/w-create", admin);
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, Get, "/api/collections/w-create", admin);
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, Delete, "/api/collections/w-create", admin);
        Assert.Null(await new CollectionStore(site.Data).GetByNameAsync("w-create"));
    }

    [Fact]
    public async Task The_sample_collection_is_described_with_its_counts()
    {
        var described = await site.Client.ExpectAsync(HttpStatusCode.OK, Get, $"/api/collections/{WriteSite.Collection}", await site.KeyAsync("read", WriteSite.Collection));
        var modalities = described.GetProperty("modalities");
        Assert.True(modalities.GetProperty("image").GetInt64() >= 3);
        Assert.True(modalities.GetProperty("audio").GetInt64() >= 3);
        Assert.Equal(1, modalities.GetProperty("video").GetInt64());
        Assert.Equal(modalities.EnumerateObject().Sum(m => m.Value.GetInt64()), described.GetProperty("documents").GetInt64());
        Assert.True(described.GetProperty("segments").GetInt64() > described.GetProperty("documents").GetInt64());
        Assert.True(described.GetProperty("sequence").GetInt64() > 0);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("-dash-first")]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234x")]
    public async Task An_invalid_name_is_400_naming_the_rule(string name)
    {
        var problem = await Requests.ProblemAsync(await site.Client.SendAsync(Post, "/api/collections", await site.KeyAsync("admin"), new { name }));
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("name", problem.GetProperty("parameter").GetString());
        Assert.Contains("a-z", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_pack_is_422_naming_it()
    {
        var problem = await Requests.ProblemAsync(await site.Client.SendAsync(Post, "/api/collections", await site.KeyAsync("admin"), new { name = "w-nopack", pack = "no-such-pack" }));
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Contains("no-such-pack", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await new CollectionStore(site.Data).GetByNameAsync("w-nopack"));
    }

    [Fact]
    public async Task Only_admin_keys_create_or_delete_and_a_limited_key_sees_no_other_collection()
    {
        foreach (var scopes in new[] { "read", "write" })
        {
            var key = await site.KeyAsync(scopes);
            await site.Client.ExpectAsync(HttpStatusCode.Forbidden, Post, "/api/collections", key, new { name = "w-denied" });
            await site.Client.ExpectAsync(HttpStatusCode.Forbidden, Delete, $"/api/collections/{WriteSite.Collection}", key);
        }

        await site.Client.ExpectAsync(HttpStatusCode.Unauthorized, Post, "/api/collections", null, new { name = "w-denied" });
        var revoked = await site.Keys.CreateAsync("revoked admin", ["admin"], null);
        await site.Keys.RevokeAsync(revoked.Key.Id);
        await site.Client.ExpectAsync(HttpStatusCode.Unauthorized, Post, "/api/collections", revoked.Token, new { name = "w-denied" });
        Assert.Null(await new CollectionStore(site.Data).GetByNameAsync("w-denied"));

        var limited = await site.KeyAsync("read", "elsewhere");
        var problem = await Requests.ProblemAsync(await site.Client.SendAsync(Get, $"/api/collections/{WriteSite.Collection}", limited));
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, Get, "/api/collections/no-such-collection", await site.KeyAsync("read"));
    }

    [Fact]
    public async Task Delete_waits_for_no_job_and_drops_the_served_copy_and_its_files()
    {
        var admin = await site.KeyAsync("admin");
        await site.Client.ExpectAsync(HttpStatusCode.Created, Post, "/api/collections", admin, new { name = "w-drop" });
        // Served (and its index file written) before the delete.
        Assert.Empty(await site.Client.SearchAsync(admin, "w-drop", "a dog"));
        var collection = (await new CollectionStore(site.Data).GetByNameAsync("w-drop"))!;
        var prefix = $"{collection.Id}-w-drop.";
        Assert.NotEmpty(Directory.EnumerateFiles(site.IndexFolder, prefix + "*"));

        await using (await new JobStore(site.Data).LockCollectionAsync(collection))
        {
            var busy = await Requests.ProblemAsync(await site.Client.SendAsync(Delete, "/api/collections/w-drop", admin));
            Assert.Equal(409, busy.GetProperty("status").GetInt32());
        }

        await site.Client.ExpectAsync(HttpStatusCode.NoContent, Delete, "/api/collections/w-drop", admin);
        // At once, not at the next catch-up.
        await site.Client.ExpectAsync(HttpStatusCode.NotFound, Get, "/api/search?collection=w-drop&q=dog", admin);
        Assert.Empty(Directory.EnumerateFiles(site.IndexFolder, prefix + "*"));
    }
}
