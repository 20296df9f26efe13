namespace SearchEngine.Core;

/// <summary>The kind of media a document holds; each maps to the towers that can embed it.</summary>
public enum Modality
{
    /// <summary>A still image (JPEG, PNG, WebP, GIF, BMP).</summary>
    Image,

    /// <summary>An audio recording (WAV, FLAC, MP3, OGG/Opus).</summary>
    Audio,

    /// <summary>A video: its keyframes go through the image tower, its sound track through the audio tower.</summary>
    Video,

    /// <summary>A text document, caption or subtitle file.</summary>
    Text,
}

/// <summary>Lower-case wire names of <see cref="Modality"/> values, as used in the HTTP API, the database and the CLI.</summary>
public static class ModalityNames
{
    /// <summary>The lower-case name of <paramref name="modality"/>.</summary>
    public static string ToName(this Modality modality) => modality switch
    {
        Modality.Image => "image",
        Modality.Audio => "audio",
        Modality.Video => "video",
        Modality.Text => "text",
        _ => throw new ArgumentOutOfRangeException(nameof(modality), modality, "Unknown modality."),
    };

    /// <summary>Parses a modality name (case-insensitive); returns false for anything else.</summary>
    public static bool TryParse(string? name, out Modality modality)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "image": modality = Modality.Image; return true;
            case "audio": modality = Modality.Audio; return true;
            case "video": modality = Modality.Video; return true;
            case "text": modality = Modality.Text; return true;
            default: modality = default; return false;
        }
    }
}
