namespace SearchEngine.Media.Text;

/// <summary>One timed line of a subtitle file.</summary>
/// <param name="Start">Start time in seconds.</param>
/// <param name="End">End time in seconds.</param>
/// <param name="Text">The line's text, its lines joined by spaces and markup removed.</param>
public sealed record TextCue(double Start, double End, string Text);

/// <summary>A text document, caption file or subtitle file read for the text tower.</summary>
/// <param name="Format"><c>txt</c>, <c>json</c>, <c>srt</c> or <c>vtt</c>.</param>
/// <param name="Title">A title when the document states one (a JSON <c>title</c>/<c>name</c> field).</param>
/// <param name="Body">The text to embed: the whole text, the JSON captions/description, or the subtitle lines in order.</param>
/// <param name="Cues">Timed lines of a subtitle file; empty for other formats.</param>
public sealed record TextDocument(string Format, string? Title, string Body, IReadOnlyList<TextCue> Cues);
