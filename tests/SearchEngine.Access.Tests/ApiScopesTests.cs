namespace SearchEngine.Access.Tests;

public sealed class ApiScopesTests
{
    [Theory]
    [InlineData("read", "read", true)]
    [InlineData("read", "write", false)]
    [InlineData("read", "admin", false)]
    [InlineData("write", "read", true)]
    [InlineData("write", "admin", false)]
    [InlineData("admin", "read", true)]
    [InlineData("admin", "write", true)]
    [InlineData("owner", "read", false)]
    [InlineData("admin", "owner", false)]
    public void Admin_implies_write_implies_read(string held, string required, bool granted) =>
        Assert.Equal(granted, ApiScopes.Grants([held], required));

    [Fact]
    public void A_token_round_trips_and_text_of_another_shape_is_not_a_token()
    {
        var token = ApiKeyToken.New();
        var text = token.ToString();

        Assert.Matches("^se_[a-z0-9]{12}_[A-Za-z0-9]{40}$", text);
        Assert.True(ApiKeyToken.TryParse(text, out var parsed));
        Assert.Equal(token, parsed);
        Assert.NotEqual(text, ApiKeyToken.New().ToString());
        foreach (var bad in new[] { "", text[3..], "sk_" + text[3..], text.Replace('_', '-'), text[..^1], text + "A", text[..^1] + "!", text.ToUpperInvariant() })
        {
            Assert.False(ApiKeyToken.TryParse(bad, out _), bad);
        }
    }
}
