namespace SearchEngine.Access;

/// <summary>Settings of API keys and anonymous access (configuration section <c>Access</c>).</summary>
public sealed class AccessOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Access";

    /// <summary>
    /// Whether requests without a key may read (search, collections, documents). Null (the default) means yes only when
    /// every address the API listens on is loopback, so the person on the machine needs no key and a public listener
    /// never reads anonymously by accident. Writing and key management always need a key.
    /// </summary>
    public bool? AnonymousRead { get; set; }

    /// <summary>
    /// PBKDF2-SHA256 iterations for new keys (default 600,000, OWASP's figure for PBKDF2-HMAC-SHA256). Each key keeps the
    /// count it was made with, so raising it affects only new keys.
    /// </summary>
    public int HashIterations { get; set; } = 600_000;

    /// <summary>
    /// How long a verified (or refused) key is remembered (default 5 s): hashing is deliberately slow, so a client is
    /// not made to pay it per request, and a revoked key stops working within this time in every process.
    /// </summary>
    public TimeSpan VerificationCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
