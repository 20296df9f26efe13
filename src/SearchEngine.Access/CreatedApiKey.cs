namespace SearchEngine.Access;

/// <summary>A key just made: its record and the full key, which exists only here and must be shown to its owner once.</summary>
/// <param name="Key">The stored record.</param>
/// <param name="Token">The key to present, <c>se_&lt;prefix&gt;_&lt;secret&gt;</c>.</param>
public sealed record CreatedApiKey(ApiKey Key, string Token);
