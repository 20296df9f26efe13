namespace SearchEngine.Storage.Idempotency;

/// <summary>What claiming an idempotency key found.</summary>
public enum IdempotencyClaimState
{
    /// <summary>The key is now this request's: run it, then complete or release the claim.</summary>
    Claimed,

    /// <summary>The same request under this key is still running elsewhere.</summary>
    InProgress,

    /// <summary>The same request under this key already finished: answer <see cref="IdempotencyClaim.Response"/> again.</summary>
    Completed,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}

/// <summary>The answer a request under an idempotency key got, stored to be sent again.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="Body">The body.</param>
public sealed record StoredResponse(int Status, string ContentType, string Body);

/// <summary>The outcome of <see cref="IdempotencyStore.ClaimAsync"/>.</summary>
/// <param name="State">Claimed, in progress, completed or a mismatch.</param>
/// <param name="Response">The stored answer when <see cref="IdempotencyClaimState.Completed"/>.</param>
public sealed record IdempotencyClaim(IdempotencyClaimState State, StoredResponse? Response = null);
