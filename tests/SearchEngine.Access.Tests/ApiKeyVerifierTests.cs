using Microsoft.Extensions.Options;
using SearchEngine.Testing;

namespace SearchEngine.Access.Tests;

public sealed class ApiKeyVerifierTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_key_verifies_and_a_wrong_secret_or_unknown_prefix_or_malformed_text_does_not()
    {
        await using var dataSource = await KeyStorage.OpenAsync(database);
        var store = KeyStorage.Store(dataSource);
        var created = await store.CreateAsync("reader", ["read"], null);
        var verifier = new ApiKeyVerifier(store, Options.Create(new AccessOptions()), new ManualClock());
        Assert.True(ApiKeyToken.TryParse(created.Token, out var token));
        var wrongSecret = new ApiKeyToken(token!.Value.Prefix, new string('A', 40)).ToString();
        var unknownPrefix = new ApiKeyToken("zzzzzzzzzzzz", token.Value.Secret).ToString();

        var valid = await verifier.VerifyAsync(created.Token);

        Assert.Equal(ApiKeyStatus.Valid, valid.Status);
        Assert.Equal(created.Key.Id, valid.Key!.Id);
        Assert.Equal(ApiKeyStatus.Unknown, (await verifier.VerifyAsync(wrongSecret)).Status);
        Assert.Equal(ApiKeyStatus.Unknown, (await verifier.VerifyAsync(unknownPrefix)).Status);
        Assert.Equal(ApiKeyStatus.Malformed, (await verifier.VerifyAsync(created.Token + "x")).Status);
        Assert.Equal(ApiKeyStatus.Malformed, (await verifier.VerifyAsync("Bearer " + created.Token)).Status);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_once_the_cache_window_has_passed_and_at_once_when_forgotten()
    {
        await using var dataSource = await KeyStorage.OpenAsync(database);
        var store = KeyStorage.Store(dataSource);
        var clock = new ManualClock();
        var verifier = new ApiKeyVerifier(store, Options.Create(new AccessOptions { VerificationCacheDuration = TimeSpan.FromSeconds(5) }), clock);
        var a = await store.CreateAsync("a", ["read"], null);
        var b = await store.CreateAsync("b", ["read"], null);
        Assert.Equal(ApiKeyStatus.Valid, (await verifier.VerifyAsync(a.Token)).Status);
        Assert.Equal(ApiKeyStatus.Valid, (await verifier.VerifyAsync(b.Token)).Status);

        await store.RevokeAsync(a.Key.Id);
        await store.RevokeAsync(b.Key.Id);

        // Within the window the remembered answer stands (another process revoked it)...
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(ApiKeyStatus.Valid, (await verifier.VerifyAsync(a.Token)).Status);
        // ...and past it the key is refused, naming the revocation.
        clock.Advance(TimeSpan.FromSeconds(2));
        var refused = await verifier.VerifyAsync(a.Token);
        Assert.Equal(ApiKeyStatus.Revoked, refused.Status);
        Assert.Equal(a.Key.Id, refused.Key!.Id);

        // Revoked in this process: forgotten at once, no window.
        var clockB = new ManualClock();
        var verifierB = new ApiKeyVerifier(store, Options.Create(new AccessOptions()), clockB);
        var c = await store.CreateAsync("c", ["read"], null);
        Assert.Equal(ApiKeyStatus.Valid, (await verifierB.VerifyAsync(c.Token)).Status);
        await store.RevokeAsync(c.Key.Id);
        verifierB.Forget(c.Key.Id);
        Assert.Equal(ApiKeyStatus.Revoked, (await verifierB.VerifyAsync(c.Token)).Status);
    }
}
