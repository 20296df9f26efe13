using System.Text.Json;

namespace SearchEngine.QueryApi.Tests.Access;

/// <summary>The OpenAPI document declares the key's two schemes and which operations need which scope.</summary>
public sealed class KeyOpenApiTests(AccessSite site) : IClassFixture<AccessSite>
{
    [Fact]
    public async Task The_document_declares_bearer_and_header_schemes_and_the_scope_of_each_protected_operation()
    {
        var document = JsonDocument.Parse(await site.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("http", schemes.GetProperty("api_key").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("api_key").GetProperty("scheme").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("api_key_header").GetProperty("type").GetString());
        Assert.Equal("header", schemes.GetProperty("api_key_header").GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("api_key_header").GetProperty("name").GetString());

        var paths = document.GetProperty("paths");
        Assert.Equal(["admin"], Roles(paths.GetProperty("/api/keys").GetProperty("post"), "api_key"));
        Assert.Equal(["admin"], Roles(paths.GetProperty("/api/keys/{id}").GetProperty("delete"), "api_key_header"));
        Assert.Equal(["read"], Roles(paths.GetProperty("/api/search").GetProperty("get"), "api_key"));
        Assert.Equal(["read"], Roles(paths.GetProperty("/api/collections").GetProperty("get"), "api_key"));
        Assert.Equal(["read"], Roles(paths.GetProperty("/api/documents/{id}").GetProperty("get"), "api_key"));
        Assert.Equal(["write"], Roles(paths.GetProperty("/api/collections/{name}/documents").GetProperty("post"), "api_key"));
        Assert.True(paths.GetProperty("/api/search").GetProperty("get").GetProperty("responses").TryGetProperty("401", out _));
        // Anonymous read is off on this site, so no operation offers the empty ("no key") requirement.
        Assert.DoesNotContain(paths.GetProperty("/api/search").GetProperty("get").GetProperty("security").EnumerateArray(), r => !r.EnumerateObject().Any());
    }

    [Fact]
    public async Task With_anonymous_read_on_read_operations_also_offer_no_key_and_admin_ones_do_not()
    {
        await using var open = site.Variant(("Access:AnonymousRead", "true"));
        using var client = open.CreateClient();
        var paths = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement.GetProperty("paths");

        Assert.Contains(paths.GetProperty("/api/search").GetProperty("get").GetProperty("security").EnumerateArray(), r => !r.EnumerateObject().Any());
        Assert.DoesNotContain(paths.GetProperty("/api/keys").GetProperty("get").GetProperty("security").EnumerateArray(), r => !r.EnumerateObject().Any());
        Assert.DoesNotContain(paths.GetProperty("/api/collections/{name}/documents").GetProperty("post").GetProperty("security").EnumerateArray(), r => !r.EnumerateObject().Any());
    }

    private static List<string?> Roles(JsonElement operation, string scheme) =>
        operation.GetProperty("security").EnumerateArray()
            .Where(r => r.TryGetProperty(scheme, out _))
            .SelectMany(r => r.GetProperty(scheme).EnumerateArray().Select(s => s.GetString()))
            .ToList();
}
