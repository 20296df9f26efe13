namespace SearchEngine.Core;

/// <summary>What part of a document one vector stands for.</summary>
public enum SegmentKind
{
    /// <summary>The whole document (an image, a text, a short clip).</summary>
    Whole,

    /// <summary>One keyframe of a video, at <see cref="Segment.Start"/> seconds.</summary>
    Frame,

    /// <summary>One window of an audio track, from <see cref="Segment.Start"/> to <see cref="Segment.End"/> seconds.</summary>
    AudioWindow,

    /// <summary>A caption, title or subtitle line attached to a document, embedded by the text tower.</summary>
    Caption,

    /// <summary>Text read in a picture or a video keyframe (OCR), embedded by the text tower; a frame's text keeps its time.</summary>
    Ocr,
}

/// <summary>Lower-case wire names of <see cref="SegmentKind"/> values.</summary>
public static class SegmentKindNames
{
    /// <summary>The lower-case, snake_case name of <paramref name="kind"/>.</summary>
    public static string ToName(this SegmentKind kind) => kind switch
    {
        SegmentKind.Whole => "whole",
        SegmentKind.Frame => "frame",
        SegmentKind.AudioWindow => "audio_window",
        SegmentKind.Caption => "caption",
        SegmentKind.Ocr => "ocr",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown segment kind."),
    };

    /// <summary>Parses a name written by <see cref="ToName"/>.</summary>
    public static SegmentKind Parse(string name) => name switch
    {
        "whole" => SegmentKind.Whole,
        "frame" => SegmentKind.Frame,
        "audio_window" => SegmentKind.AudioWindow,
        "caption" => SegmentKind.Caption,
        "ocr" => SegmentKind.Ocr,
        _ => throw new FormatException($"'{name}' is not a segment kind (whole, frame, audio_window, caption, ocr)."),
    };
}
