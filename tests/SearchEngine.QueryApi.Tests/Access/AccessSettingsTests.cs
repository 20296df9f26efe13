using Microsoft.Extensions.Options;

namespace SearchEngine.QueryApi.Tests.Access;

/// <summary>Access settings that would weaken keys stop the API at start rather than at the first request.</summary>
public sealed class AccessSettingsTests(AccessSite site) : IClassFixture<AccessSite>
{
    [Theory]
    [InlineData("Access:HashIterations", "1000", "HashIterations")]
    [InlineData("Access:VerificationCacheDuration", "01:00:00", "VerificationCacheDuration")]
    public void A_setting_out_of_range_stops_the_api_at_start_naming_it(string key, string value, string named)
    {
        using var api = site.Variant((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => api.CreateClient());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
