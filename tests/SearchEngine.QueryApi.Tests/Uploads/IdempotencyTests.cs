using System.Net;
using SearchEngine.QueryApi.Tests.Access;
using SearchEngine.QueryApi.Uploads;
using SearchEngine.Storage.Idempotency;
using static SearchEngine.QueryApi.Tests.Uploads.UploadRequests;

namespace SearchEngine.QueryApi.Tests.Uploads;

/// <summary>Idempotency-Key: a retry gets the first answer and writes nothing; a reused key is refused; a running claim holds retries off; claims expire.</summary>
public sealed class IdempotencyTests(UploadSite site) : IClassFixture<UploadSite>
{
    private const string C = UploadSite.Collection;

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_replays_the_first_answer_and_a_different_body_is_422()
    {
        var picture = UploadMedia.Jpeg(seed: 801);
        var key = Guid.NewGuid().ToString();
        const string documents = """[{"title":"Retried"}]""";

        using var first = await site.Client.SendAsync(Files(C, site.WriteKey, [("a.jpg", picture)], documents, key));
        using var retry = await site.Client.SendAsync(Files(C, site.WriteKey, [("a.jpg", picture)], documents, key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        // The very same answer ("created", not the "exists" a new request would get), and one document.
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("created", (await DocumentsAsync(retry))[0].GetProperty("status").GetString());
        await using (var count = site.Data.CreateCommand("SELECT count(*) FROM documents WHERE content_sha256 = encode(sha256(@bytes), 'hex')"))
        {
            count.Parameters.AddWithValue("bytes", picture);
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }

        using var changed = await site.Client.SendAsync(Files(C, site.WriteKey, [("a.jpg", picture)], """[{"title":"Another title"}]""", key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Contains("Idempotency-Key", (await Requests.ProblemAsync(changed)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Keys are per API key: another key's request under the same key text runs as a request of its own.
        using var otherClient = await site.Client.SendAsync(Files(C, await site.KeyAsync("write"), [("b.jpg", UploadMedia.Jpeg(seed: 802))], null, key));
        Assert.Equal(HttpStatusCode.Created, otherClient.StatusCode);
        Assert.False(otherClient.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_retry_while_the_first_request_still_runs_is_409_and_nothing_is_written()
    {
        var created = await site.Keys.CreateAsync("running", ["write"], null);
        var picture = UploadMedia.Jpeg(seed: 811);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(picture));
        using var batch = new UploadBatch([new UploadItem(new StagedFile("/nonexistent", sha, picture.Length, ".jpg"), "a.jpg", null, null, null)]);
        var key = Guid.NewGuid().ToString();
        // The first request's claim, as its process holds it while running.
        var claim = await new IdempotencyStore(site.Data).ClaimAsync($"key:{created.Key.Id}", key, batch.Hash(C), TimeSpan.FromMinutes(2));
        Assert.Equal(IdempotencyClaimState.Claimed, claim.State);

        using var retry = await site.Client.SendAsync(Files(C, created.Token, [("a.jpg", picture)], null, key));

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        await Requests.ProblemAsync(retry);
        await using var count = site.Data.CreateCommand("SELECT count(*) FROM documents WHERE content_sha256 = @sha");
        count.Parameters.AddWithValue("sha", sha);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_bad_key_header_is_400()
    {
        using var response = await site.Client.SendAsync(Files(C, site.WriteKey, [("a.jpg", UploadMedia.Jpeg(seed: 821))], null, new string('k', 256)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Idempotency-Key", (await Requests.ProblemAsync(response)).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Claims_are_exclusive_released_claims_and_abandoned_ones_can_be_taken_and_old_keys_are_pruned()
    {
        var store = new IdempotencyStore(site.Data);
        var hash = new string('a', 64);
        var key = Guid.NewGuid().ToString();

        Assert.Equal(IdempotencyClaimState.Claimed, (await store.ClaimAsync("p", key, hash, TimeSpan.FromMinutes(2))).State);
        Assert.Equal(IdempotencyClaimState.InProgress, (await store.ClaimAsync("p", key, hash, TimeSpan.FromMinutes(2))).State);
        Assert.Equal(IdempotencyClaimState.Mismatch, (await store.ClaimAsync("p", key, new string('b', 64), TimeSpan.FromMinutes(2))).State);
        await store.ReleaseAsync("p", key);
        Assert.Equal(IdempotencyClaimState.Claimed, (await store.ClaimAsync("p", key, hash, TimeSpan.FromMinutes(2))).State);
        // A claim whose process died is taken over once it is older than the abandonment time.
        Assert.Equal(IdempotencyClaimState.Claimed, (await store.ClaimAsync("p", key, hash, TimeSpan.Zero)).State);
        await store.CompleteAsync("p", key, new StoredResponse(201, "application/json", "{}"));
        var completed = await store.ClaimAsync("p", key, hash, TimeSpan.Zero);
        Assert.Equal(IdempotencyClaimState.Completed, completed.State);
        Assert.Equal(new StoredResponse(201, "application/json", "{}"), completed.Response);

        await using (var age = site.Data.CreateCommand("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE principal = 'p' AND key = @key"))
        {
            age.Parameters.AddWithValue("key", key);
            await age.ExecuteNonQueryAsync();
        }

        Assert.True(await store.PruneAsync() >= 1);
        Assert.Equal(IdempotencyClaimState.Claimed, (await store.ClaimAsync("p", key, new string('c', 64), TimeSpan.FromMinutes(2))).State);
    }
}
