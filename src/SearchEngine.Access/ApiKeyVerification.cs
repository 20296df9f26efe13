namespace SearchEngine.Access;

/// <summary>The outcome of checking a presented key.</summary>
public enum ApiKeyStatus
{
    /// <summary>A valid key; <see cref="ApiKeyVerification.Key"/> is set.</summary>
    Valid,

    /// <summary>The text does not have the shape of a key (<c>se_&lt;prefix&gt;_&lt;secret&gt;</c>).</summary>
    Malformed,

    /// <summary>No key has this prefix, or the secret does not match: the two are not told apart.</summary>
    Unknown,

    /// <summary>The key is right but has been revoked.</summary>
    Revoked,
}

/// <summary>A presented key's status and, when valid, its record.</summary>
/// <param name="Status">What the check found.</param>
/// <param name="Key">The key when <see cref="ApiKeyStatus.Valid"/>.</param>
public sealed record ApiKeyVerification(ApiKeyStatus Status, ApiKey? Key = null);
