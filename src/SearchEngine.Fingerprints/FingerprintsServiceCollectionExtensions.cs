using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SearchEngine.Fingerprints;

/// <summary>Registers landmark fingerprinting.</summary>
public static class FingerprintsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="FingerprintExtractor"/> with <see cref="FingerprintOptions"/> configured by <paramref name="configure"/> on top of any other configuration.</summary>
    public static IServiceCollection AddFingerprints(this IServiceCollection services, Action<FingerprintOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<FingerprintOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<FingerprintExtractor>();
        return services;
    }
}
