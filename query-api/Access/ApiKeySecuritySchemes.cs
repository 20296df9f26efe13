using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SearchEngine.Access;

namespace SearchEngine.QueryApi.Access;

/// <summary>
/// Declares the API key in the OpenAPI document: two security schemes (the Bearer header and <c>X-Api-Key</c>), and on
/// each operation behind a scope policy the requirement of either, naming the scope (OpenAPI 3.1 lets non-OAuth schemes
/// list roles). Read operations also list the empty requirement while anonymous read is on, which says "or no key".
/// </summary>
internal sealed class ApiKeySecuritySchemes(AnonymousRead anonymousRead) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The Bearer scheme's name in the document's components.</summary>
    public const string Bearer = "api_key";

    /// <summary>The header scheme's name in the document's components.</summary>
    public const string Header = "api_key_header";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = $"{ApiKeyToken.Marker}<prefix>_<secret>",
            Description = "An API key (searchengine-indexer keys create, or POST /api/keys) as 'Authorization: Bearer se_…'. Scopes: read, write, admin (each implies the ones before it).",
        };
        document.Components.SecuritySchemes[Header] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = PresentedKey.HeaderName,
            Description = "The same API key in the X-Api-Key header.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
            .Select(a => a.Policy).LastOrDefault(p => p is not null && ApiScopes.IsKnown(p));
        if (scope is null)
        {
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        foreach (var name in new[] { Bearer, Header })
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, context.Document)] = [scope] });
        }

        if (scope == ApiScopes.Read && anonymousRead.Allowed)
        {
            operation.Security.Add(new OpenApiSecurityRequirement());
        }

        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key where one is needed, or one that is malformed, unknown or revoked (problem details)." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The key lacks scope '{scope}' or may not reach this collection (problem details)." });
        return Task.CompletedTask;
    }
}
