using System.Security.Claims;
using SearchEngine.Access;
using SearchEngine.QueryApi.Access;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// POST, GET /api/keys and DELETE /api/keys/{id}: key management, for admin keys only. Secrets appear once, in the 201.
/// GET /api/keys/current: what the request's own key may do, so a client (the page) shows only what it can use.
/// </summary>
internal static class KeyEndpoints
{
    public static void MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/keys/current", (ClaimsPrincipal user) => new CurrentKeyResponse(
                user.KeyId() is not null, user.KeyId(), user.KeyId() is null ? null : user.Identity?.Name, user.Scopes(), user.Collections()))
            .RequireAuthorization(ApiScopes.Read).WithTags("Keys").WithName("GetCurrentKey")
            .WithSummary("The key this request was made with: its scopes and the collections it is limited to (anonymous: authenticated false, no scopes).")
            .Produces<CurrentKeyResponse>();

        var group = app.MapGroup("/api/keys").WithTags("Keys").RequireAuthorization(ApiScopes.Admin);

        group.MapPost("/", async (NewKeyRequest request, ApiKeyStore keys, CancellationToken cancellationToken) =>
        {
            var created = await keys.CreateAsync(request.Name ?? "", request.Scopes ?? [], request.Collections, cancellationToken);
            return Results.Created($"/api/keys/{created.Key.Id}", new CreatedKeyResponse(
                created.Key.Id, created.Key.Name, created.Key.Prefix, created.Key.Scopes, created.Key.Collections, created.Key.CreatedAt, created.Token));
        }).WithName("CreateKey")
          .WithSummary("Make an API key; the response's 'key' is the only time the secret is shown.")
          .Produces<CreatedKeyResponse>(StatusCodes.Status201Created)
          .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/", async (ApiKeyStore keys, CancellationToken cancellationToken) =>
            (await keys.ListAsync(cancellationToken)).Select(KeyRecord.Of))
            .WithName("ListKeys")
            .WithSummary("Every API key, revoked ones included, without secrets or hashes.");

        group.MapDelete("/{id:long}", async (long id, ApiKeyStore keys, ApiKeyVerifier verifier, CancellationToken cancellationToken) =>
        {
            var revoked = await keys.RevokeAsync(id, cancellationToken);
            if (revoked is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no API key {id}.");
            }

            // At once in this process; other API processes stop accepting it when their memory of it expires.
            verifier.Forget(id);
            return Results.Ok(KeyRecord.Of(revoked));
        }).WithName("RevokeKey")
          .WithSummary("Revoke an API key; it is refused within Access:VerificationCacheDuration everywhere.")
          .Produces<KeyRecord>()
          .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>The body of POST /api/keys.</summary>
/// <param name="Name">Who or what the key is for.</param>
/// <param name="Scopes">read, write and/or admin.</param>
/// <param name="Collections">The collections the key is limited to; null or absent for every collection.</param>
internal sealed record NewKeyRequest(string? Name, string[]? Scopes, string[]? Collections);

/// <summary>A key as listed: no secret, no hash.</summary>
internal sealed record KeyRecord(long Id, string Name, string Prefix, IReadOnlyList<string> Scopes, IReadOnlyList<string>? Collections, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static KeyRecord Of(ApiKey key) => new(key.Id, key.Name, key.Prefix, key.Scopes, key.Collections, key.CreatedAt, key.RevokedAt);
}

/// <summary>The request's own key, without its secret: null name and id, and no scopes, for an anonymous request.</summary>
internal sealed record CurrentKeyResponse(bool Authenticated, long? Id, string? Name, IReadOnlyList<string> Scopes, IReadOnlyList<string>? Collections);

/// <summary>A key just made, with the key itself (shown this once).</summary>
internal sealed record CreatedKeyResponse(long Id, string Name, string Prefix, IReadOnlyList<string> Scopes, IReadOnlyList<string>? Collections, DateTimeOffset CreatedAt, string Key);
