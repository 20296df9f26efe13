using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Media;
using SearchEngine.Media.Audio;
using SearchEngine.Media.Ffmpeg;
using SearchEngine.Media.Images;
using SearchEngine.Media.Text;
using SearchEngine.Media.Video;

#pragma warning disable IDE0130 // Extension methods on IServiceCollection live in its namespace by convention.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the media decoders.</summary>
public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MediaDecoder"/> and the per-modality decoders as singletons (they hold no per-file state), with
    /// <see cref="MediaOptions"/> configured by <paramref name="configure"/> on top of any other configuration.
    /// </summary>
    public static IServiceCollection AddMediaDecoding(this IServiceCollection services, Action<MediaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MediaOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<MediaProber>();
        services.AddSingleton<ImageDecoder>();
        services.AddSingleton<AudioDecoder>();
        services.AddSingleton<VideoDecoder>();
        services.AddSingleton<TextDocumentReader>();
        services.AddSingleton<MediaDecoder>();
        services.AddSingleton<QueryDecodeGate>();
        return services;
    }
}
