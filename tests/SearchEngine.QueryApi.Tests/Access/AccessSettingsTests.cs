using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SearchEngine.QueryApi.Access;

namespace SearchEngine.QueryApi.Tests.Access;

/// <summary>Access settings that would weaken keys stop the API at start rather than at the first request.</summary>
public sealed class AccessSettingsTests
{
    // The API's own access registration, and the start-up validation its host runs first thing in StartAsync. Not
    // through WebApplicationFactory: when the host it builds fails to start, the factory sometimes reports the disposal
    // of the failed host (ObjectDisposedException) instead of the failure, depending on which thread gets there first.
    [Theory]
    [InlineData("Access:HashIterations", "1000", "HashIterations")]
    [InlineData("Access:VerificationCacheDuration", "01:00:00", "VerificationCacheDuration")]
    public void A_setting_out_of_range_stops_the_api_at_start_naming_it(string key, string value, string named)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]);
        builder.Services.AddApiKeyAccess(builder.Configuration);
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_settings_pass()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddApiKeyAccess(builder.Configuration);
        using var host = builder.Build();

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(600_000, host.Services.GetRequiredService<IOptions<SearchEngine.Access.AccessOptions>>().Value.HashIterations);
    }
}
