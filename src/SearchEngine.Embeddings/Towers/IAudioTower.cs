using SearchEngine.Core.Media;

namespace SearchEngine.Embeddings.Towers;

/// <summary>Embeds audio as a sequence of overlapping windows, one vector per window.</summary>
public interface IAudioTower : ITower
{
    /// <summary>The sample rate clips must have (decoders resample to it).</summary>
    int SampleRate { get; }

    /// <summary>Window length in seconds (a clip shorter than that still gives one window).</summary>
    double WindowSeconds { get; }

    /// <summary>Seconds between the starts of consecutive windows.</summary>
    double HopSeconds { get; }

    /// <summary>
    /// Embeds <paramref name="clip"/> (mono, at <see cref="SampleRate"/>) window by window. Times are in seconds of the
    /// source, so they include <see cref="AudioClip.Offset"/>. Every clip, however short, gives at least one window.
    /// </summary>
    IReadOnlyList<AudioWindowEmbedding> Embed(AudioClip clip);
}
