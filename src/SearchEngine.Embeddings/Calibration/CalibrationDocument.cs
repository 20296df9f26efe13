namespace SearchEngine.Embeddings.Calibration;

/// <summary>
/// The contents of a pack's <c>calibration.json</c>: per search direction, the monotone map from the similarity the
/// query API ranks by to the estimated probability that a hit is relevant, fitted on the pack's development data, with
/// what it was fitted on and how well it held there. It sits beside <c>pack.json</c> and is not part of the pack's
/// fingerprint, so fitting or refitting it never makes collections rebuild; it names the fingerprint it was fitted for
/// and is ignored for any other.
/// </summary>
/// <param name="Format">The file format's version (<see cref="PackCalibration.FormatVersion"/>).</param>
/// <param name="PackId">The pack it was fitted for.</param>
/// <param name="PackFingerprint">The fingerprint of the pack it was fitted for.</param>
/// <param name="FittedAt">When it was fitted.</param>
/// <param name="Relevance">What the probability means, in words.</param>
/// <param name="Method">How the maps were fitted and checked, in words.</param>
/// <param name="Fallback">How directions without a map of their own are scored, in words.</param>
/// <param name="CloseMatch">
/// The relevance a query's best hit needs for its results to be presented as matches, chosen on the development data
/// (see <paramref name="CloseMatchRule"/>); the query API's default unless configured otherwise.
/// </param>
/// <param name="CloseMatchRule">How <paramref name="CloseMatch"/> was chosen, in words.</param>
/// <param name="Directions">One map per calibrated direction, by wire name (<see cref="ScoreDirection.Name"/>).</param>
public sealed record CalibrationDocument(
    int Format,
    string PackId,
    string PackFingerprint,
    DateTimeOffset FittedAt,
    string Relevance,
    string Method,
    string Fallback,
    double CloseMatch,
    string CloseMatchRule,
    IReadOnlyDictionary<string, DirectionCalibration> Directions);

/// <summary>The map of one direction and the data behind it.</summary>
/// <param name="Data">What the map was fitted on and what counted as relevant, in words.</param>
/// <param name="Queries">Queries in the development data.</param>
/// <param name="Items">Items each query was scored against.</param>
/// <param name="Pairs">Query–item pairs scored.</param>
/// <param name="RelevantPairs">Of those, the relevant ones; <c>RelevantPairs / Pairs</c> is the base rate the probabilities assume.</param>
/// <param name="Scores">The map's knots: similarity, increasing.</param>
/// <param name="Relevance">The map's knots: estimated probability of relevance, non-decreasing.</param>
/// <param name="Check">How the map held on data it was not fitted on.</param>
public sealed record DirectionCalibration(
    string Data,
    int Queries,
    int Items,
    long Pairs,
    long RelevantPairs,
    IReadOnlyList<float> Scores,
    IReadOnlyList<double> Relevance,
    CalibrationCheck? Check = null);

/// <summary>
/// A cross-fitted check of one direction: each half of the queries scored with the map fitted on the other half.
/// </summary>
/// <param name="Folds">How the queries were split, in words.</param>
/// <param name="ExpectedCalibrationError">Pair-weighted mean gap between predicted and observed relevance over <paramref name="Bins"/>.</param>
/// <param name="Bins">Reliability: pairs grouped by predicted relevance, with the mean prediction and the share that was relevant.</param>
/// <param name="TopHit">The same for each query's best hit, the one the page judges "close match" by.</param>
public sealed record CalibrationCheck(string Folds, double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins, TopHitCheck TopHit);

/// <summary>Pairs whose predicted relevance fell in [<paramref name="From"/>, <paramref name="To"/>).</summary>
/// <param name="From">Lower bound of predicted relevance.</param>
/// <param name="To">Upper bound (exclusive, except 1).</param>
/// <param name="Pairs">Pairs in the bin.</param>
/// <param name="Predicted">Their mean predicted relevance.</param>
/// <param name="Observed">The share of them that was relevant.</param>
public sealed record ReliabilityBin(double From, double To, long Pairs, double Predicted, double Observed);

/// <summary>Each query's best-scoring item under the cross-fitted map, and how the close-match threshold treats it.</summary>
/// <param name="Queries">Queries.</param>
/// <param name="MeanRelevance">Mean predicted relevance of their best hits.</param>
/// <param name="Precision">Share of best hits that were relevant.</param>
/// <param name="CorrectFloor">The predicted relevance that 95 % of the relevant best hits reach (their 5th percentile).</param>
/// <param name="Threshold">The close-match threshold checked (predicted relevance).</param>
/// <param name="CloseShare">Share of queries whose best hit reached <paramref name="Threshold"/> (shown as matches).</param>
/// <param name="ClosePrecision">Share of those best hits that were relevant (null when none reached it).</param>
/// <param name="CorrectHidden">Share of the relevant best hits that fell below <paramref name="Threshold"/> (hidden behind "no close match").</param>
public sealed record TopHitCheck(
    int Queries, double MeanRelevance, double Precision, double CorrectFloor, double Threshold, double CloseShare, double? ClosePrecision, double CorrectHidden);
