namespace SearchEngine.Ocr.Detection;

/// <summary>Whether a chain of glyphs is a line of text.</summary>
internal static class TextLineClassifier
{
    /// <summary>A score in 0–1; interim: the hand-set thresholds of the first version.</summary>
    public static double Score(LineFeatures f) =>
        f.CentreSpread <= 0.4 && f.Length >= 1.5 && f.EdgeSpread <= 0.25 && f.StrokeVariation <= 0.35 && f.InkSpread <= 40 && f.Depth >= 55 ? 1 : 0;
}
