using Microsoft.Extensions.DependencyInjection.Extensions;
using SearchEngine.Access;

#pragma warning disable IDE0130 // Extension methods on IServiceCollection live in its namespace by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers API keys with a service collection.</summary>
public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ApiKeyStore"/> and <see cref="ApiKeyVerifier"/> (singletons) with <see cref="AccessOptions"/>
    /// configured by <paramref name="configure"/>. Storage (<c>AddSearchEngineStorage</c>) must be added too: keys live
    /// in its database.
    /// </summary>
    public static IServiceCollection AddSearchEngineAccess(this IServiceCollection services, Action<AccessOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AccessOptions>()
            .Validate(o => o.HashIterations >= 10_000, "Access:HashIterations must be at least 10,000 (the database refuses weaker hashes).")
            .Validate(o => o.VerificationCacheDuration >= TimeSpan.Zero && o.VerificationCacheDuration <= TimeSpan.FromMinutes(1),
                "Access:VerificationCacheDuration must be between 0 and 1 minute: it is how long a revoked key may go on working.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiKeyStore>();
        services.TryAddSingleton<ApiKeyVerifier>();
        return services;
    }
}
