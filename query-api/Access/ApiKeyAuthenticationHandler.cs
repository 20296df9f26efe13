using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SearchEngine.Access;

namespace SearchEngine.QueryApi.Access;

/// <summary>
/// ASP.NET Core authentication by API key (<see cref="PresentedKey"/>), checked by <see cref="ApiKeyVerifier"/>. A
/// request without a key is not signed in (no result), so policies decide whether it may go on anonymously; a key
/// that is malformed, unknown or revoked fails, and the challenge answers 401 naming which.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!PresentedKey.IsPresent(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var (key, problem) = PresentedKey.Read(Request);
        if (key is null)
        {
            return AuthenticateResult.Fail(problem!);
        }

        var verification = await verifier.VerifyAsync(key, Context.RequestAborted);
        return verification.Status switch
        {
            ApiKeyStatus.Valid => AuthenticateResult.Success(new AuthenticationTicket(ApiKeyPrincipal.Create(verification.Key!, Scheme.Name), Scheme.Name)),
            ApiKeyStatus.Revoked => AuthenticateResult.Fail($"API key {verification.Key!.Id} ('{verification.Key.Name}') was revoked; ask an admin for a new one."),
            ApiKeyStatus.Malformed => AuthenticateResult.Fail($"The API key does not have the form of a key ({ApiKeyToken.Marker}<prefix>_<secret>, as printed when it was made)."),
            _ => AuthenticateResult.Fail("The API key is not valid: no key has this prefix and secret. Check that it was copied whole."),
        };
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await AccessProblems.WriteUnauthorizedAsync(Context, result.Failure?.Message, requiredScope: null);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AccessProblems.WriteForbiddenAsync(Context, "This API key may not do this.");
}
