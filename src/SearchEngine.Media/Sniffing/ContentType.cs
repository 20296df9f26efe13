using SearchEngine.Core;

namespace SearchEngine.Media.Sniffing;

/// <summary>
/// What a file really holds, judged from its bytes: a <see cref="Core.Modality"/> and a format name, or no modality
/// and a <see cref="Reason"/> saying what it is instead (for example "a PDF document").
/// </summary>
/// <param name="Modality">The modality, or null when the content is not supported.</param>
/// <param name="Format">Short lower-case format name (<c>jpeg</c>, <c>wav</c>, <c>matroska</c>, <c>srt</c>, …) or a description of the unsupported content.</param>
/// <param name="Reason">Why the content is not supported; null when it is.</param>
public sealed record ContentType(Modality? Modality, string Format, string? Reason = null)
{
    /// <summary>Whether some decoder can read this content.</summary>
    public bool IsSupported => Modality is not null;

    /// <summary>A supported content type.</summary>
    public static ContentType Of(Modality modality, string format) => new(modality, format);

    /// <summary>Content no decoder reads, with the reason.</summary>
    public static ContentType Unsupported(string what, string reason) => new(null, what, reason);

    /// <summary>A phrase naming the content, for error messages ("an image (png)", "text (txt)").</summary>
    public string Describe() => Modality switch
    {
        Core.Modality.Image => $"an image ({Format})",
        Core.Modality.Audio => $"audio ({Format})",
        Core.Modality.Video => $"a video ({Format})",
        Core.Modality.Text => $"text ({Format})",
        _ => Format,
    };
}
