using SearchEngine.Core;

namespace SearchEngine.Embeddings.Calibration;

/// <summary>
/// A pack's calibration, loaded: the relevance of a hit from its similarity and the towers on both sides. Directions
/// fitted on development data use their own map, moved from its development base rate to the file's reference base
/// rate (Flickr8k's one photo in 1,000 and UrbanSound8K's one class in ten say more about those datasets than about a
/// collection); any other direction (image→image, image↔audio, a query that mixes
/// towers) uses <see cref="Fallback"/>, the lower envelope of the fitted maps, so a direction nobody measured never
/// claims more confidence than every measured one would give the same score.
/// </summary>
public sealed class PackCalibration
{
    /// <summary>The file name beside <c>pack.json</c>.</summary>
    public const string FileName = "calibration.json";

    /// <summary>The version of the file format this code reads and writes.</summary>
    public const int FormatVersion = 1;

    private readonly Dictionary<ScoreDirection, RelevanceCurve> _curves;

    /// <summary>Builds the calibration from its file contents; <see cref="InvalidDataException"/> names what is wrong.</summary>
    public PackCalibration(CalibrationDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Format != FormatVersion)
        {
            throw new InvalidDataException($"format {document.Format} is not the calibration format this version reads ({FormatVersion}).");
        }

        if (!(document.ReferenceBaseRate > 0 && document.ReferenceBaseRate < 1))
        {
            throw new InvalidDataException($"referenceBaseRate is {document.ReferenceBaseRate}; it must lie strictly between 0 and 1.");
        }

        if (!(document.CloseMatch >= 0 && document.CloseMatch <= 1))
        {
            throw new InvalidDataException($"closeMatch is {document.CloseMatch}; it must lie between 0 and 1.");
        }

        if (document.Directions is null || document.Directions.Count == 0)
        {
            throw new InvalidDataException("it calibrates no direction.");
        }

        _curves = [];
        foreach (var (name, direction) in document.Directions)
        {
            if (!ScoreDirection.TryParse(name, out var key))
            {
                throw new InvalidDataException($"'{name}' is not a search direction (e.g. text_to_image).");
            }

            try
            {
                var fitted = new RelevanceCurve(direction.Scores ?? [], direction.Relevance ?? []);
                _curves[key] = fitted.Rebased((double)direction.RelevantPairs / direction.Pairs, document.ReferenceBaseRate);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"direction '{name}': {e.Message}", e);
            }
        }

        Document = document;
        Fallback = RelevanceCurve.LowerEnvelope(_curves.Values);
    }

    /// <summary>The file's contents.</summary>
    public CalibrationDocument Document { get; }

    /// <summary>The fingerprint of the pack this calibration was fitted for.</summary>
    public string PackFingerprint => Document.PackFingerprint;

    /// <summary>The maps by direction, at the reference base rate (as served).</summary>
    public IReadOnlyDictionary<ScoreDirection, RelevanceCurve> Curves => _curves;

    /// <summary>The map of every direction that has none of its own: the pointwise minimum of the fitted maps.</summary>
    public RelevanceCurve Fallback { get; }

    /// <summary>
    /// The map for a query embedded by <paramref name="query"/> (null when it mixes towers, e.g. text with an image)
    /// matched against a segment embedded by <paramref name="item"/>.
    /// </summary>
    public RelevanceCurve CurveFor(Modality? query, Modality item) =>
        query is { } from && _curves.TryGetValue(new ScoreDirection(from, item), out var curve) ? curve : Fallback;

    /// <summary>The estimated relevance of a hit of similarity <paramref name="score"/>; see <see cref="CurveFor"/>.</summary>
    public double Relevance(Modality? query, Modality item, float score) => CurveFor(query, item).At(score);
}
