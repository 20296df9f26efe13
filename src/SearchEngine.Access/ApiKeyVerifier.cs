using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SearchEngine.Access;

/// <summary>
/// Checks presented keys against the store. Each answer (valid, unknown or revoked) is remembered for
/// <see cref="AccessOptions.VerificationCacheDuration"/> under a SHA-256 of the presented text, so a client pays the
/// deliberately slow PBKDF2 once per window rather than per request, a wrong secret cannot be used to make the server
/// hash repeatedly, and a revocation reaches every process within that window.
/// </summary>
public sealed class ApiKeyVerifier(ApiKeyStore store, IOptions<AccessOptions> options, TimeProvider time)
{
    // Bounds the memory a flood of distinct wrong keys can take; past it, expired answers are dropped, then all.
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKeyVerification Answer, DateTimeOffset Until)> _remembered = new(StringComparer.Ordinal);

    /// <summary>Checks <paramref name="presented"/>, the key text a client sent.</summary>
    public async Task<ApiKeyVerification> VerifyAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!ApiKeyToken.TryParse(presented, out var token))
        {
            return new ApiKeyVerification(ApiKeyStatus.Malformed);
        }

        var cacheKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
        var now = time.GetUtcNow();
        if (_remembered.TryGetValue(cacheKey, out var remembered) && remembered.Until > now)
        {
            return remembered.Answer;
        }

        var answer = await CheckAsync(token.Value, cancellationToken);
        Remember(cacheKey, answer, now);
        return answer;
    }

    /// <summary>
    /// Forgets what was remembered about key <paramref name="keyId"/>, so its revocation takes effect in this process at
    /// once (other processes see it when their memory of it expires).
    /// </summary>
    public void Forget(long keyId)
    {
        foreach (var (cacheKey, entry) in _remembered)
        {
            if (entry.Answer.Key?.Id == keyId)
            {
                _remembered.TryRemove(cacheKey, out _);
            }
        }
    }

    private async Task<ApiKeyVerification> CheckAsync(ApiKeyToken token, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(token.Prefix, cancellationToken) is not { } found)
        {
            return new ApiKeyVerification(ApiKeyStatus.Unknown);
        }

        // The hash is checked before revocation is reported, so only the key's holder learns that it was revoked.
        if (!ApiKeyHasher.Verify(token.Secret, found.Secret))
        {
            return new ApiKeyVerification(ApiKeyStatus.Unknown);
        }

        return found.Key.IsRevoked ? new ApiKeyVerification(ApiKeyStatus.Revoked, found.Key) : new ApiKeyVerification(ApiKeyStatus.Valid, found.Key);
    }

    private void Remember(string cacheKey, ApiKeyVerification answer, DateTimeOffset now)
    {
        var duration = options.Value.VerificationCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        if (_remembered.Count >= MaxRemembered)
        {
            foreach (var (key, entry) in _remembered)
            {
                if (entry.Until <= now)
                {
                    _remembered.TryRemove(key, out _);
                }
            }

            if (_remembered.Count >= MaxRemembered)
            {
                _remembered.Clear();
            }
        }

        _remembered[cacheKey] = (answer, now + duration);
    }
}
