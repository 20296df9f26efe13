using Microsoft.Extensions.DependencyInjection.Extensions;
using SearchEngine.Ocr;

#pragma warning disable IDE0130 // Extension methods on IServiceCollection live in its namespace by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers reading text in pictures.</summary>
public static class OcrServiceCollectionExtensions
{
    /// <summary>Adds <see cref="OcrOptions"/> and the <see cref="PictureTextReader"/> (singleton).</summary>
    public static IServiceCollection AddSearchEngineOcr(this IServiceCollection services, Action<OcrOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<OcrOptions>()
            .Validate(o => o.Timeout > TimeSpan.Zero, "Ocr:Timeout must be positive.")
            .Validate(o => o.MemoryLimitMegabytes >= 64, "Ocr:MemoryLimitMegabytes must be at least 64.")
            .Validate(o => o.MaxLinesPerPicture >= 1, "Ocr:MaxLinesPerPicture must be at least 1.")
            .Validate(o => o.Workers >= 1, "Ocr:Workers must be at least 1.")
            .Validate(o => o.BatchSize >= 1, "Ocr:BatchSize must be at least 1.");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<PictureTextReader>();
        return services;
    }
}
