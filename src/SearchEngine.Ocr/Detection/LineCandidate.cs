namespace SearchEngine.Ocr.Detection;

/// <summary>A chain of glyphs before it is judged: the line it would be, and the features it is judged by.</summary>
internal readonly record struct LineCandidate(TextLine Line, LineFeatures Features);
