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

        // A zero or negative limit would refuse every query (or, for the queue, make the gate throw): say so at first use.
        options.Validate(o => o.MaxQueryAudioSeconds > 0, "Media:MaxQueryAudioSeconds must be a positive number of seconds.")
            .Validate(o => o.MaxConcurrentQueryDecodes >= 0, "Media:MaxConcurrentQueryDecodes must be 0 (the number of cores) or more.")
            .Validate(o => o.QueryDecodeQueueLength >= 0, "Media:QueryDecodeQueueLength must be 0 or more.");

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
