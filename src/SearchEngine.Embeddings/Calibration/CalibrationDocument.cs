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
/// <param name="ReferenceBaseRate">
/// The share of a collection's items assumed relevant to a query, the same for every direction: each direction's map is
/// fitted at its development base rate and served moved to this one (<see cref="RelevanceCurve.Rebased"/>), so one
/// relevance means one strength of evidence in every direction.
/// </param>
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
    double ReferenceBaseRate,
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
/// <param name="RelevantPairs">Of those, the relevant ones; <c>RelevantPairs / Pairs</c> is the development base rate the knots are fitted at.</param>
/// <param name="Scores">The map's knots: similarity, increasing.</param>
/// <param name="Relevance">The map's knots: probability of relevance at the development base rate, non-decreasing.</param>
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
/// A cross-fitted check of one direction: each half of the pairs scored with the map fitted on the other half, moved to
/// the reference base rate; pairs are weighted so that the development data has that base rate too (relevant pairs by
/// reference / development rate, the others by the complements), so predicted and observed compare like for like.
/// </summary>
/// <param name="Folds">How the queries were split, in words.</param>
/// <param name="ExpectedCalibrationError">Pair-weighted mean gap between predicted and observed relevance over <paramref name="Bins"/>.</param>
/// <param name="Bins">Reliability: pairs grouped by predicted relevance, with the mean prediction and the (weighted) share that was relevant.</param>
/// <param name="TopHit">The same for each query's best hit, the one the page judges "close match" by.</param>
public sealed record CalibrationCheck(string Folds, double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins, TopHitCheck TopHit);

/// <summary>Pairs whose predicted relevance fell in [<paramref name="From"/>, <paramref name="To"/>).</summary>
/// <param name="From">Lower bound of predicted relevance.</param>
/// <param name="To">Upper bound (exclusive, except 1).</param>
/// <param name="Pairs">Pairs in the bin.</param>
/// <param name="Predicted">Their mean predicted relevance.</param>
/// <param name="Observed">The share of them that was relevant.</param>
public sealed record ReliabilityBin(double From, double To, long Pairs, double Predicted, double Observed);

/// <summary>
/// Each query's best-scoring item in the development pool, its relevance as served (cross-fitted), and how the
/// close-match threshold treats it. Precisions are as observed in the development pool, at its own base rate.
/// </summary>
/// <param name="Queries">Queries.</param>
/// <param name="MeanRelevance">Mean predicted relevance of their best hits.</param>
/// <param name="Precision">Share of best hits that were relevant.</param>
/// <param name="CorrectFloor">The predicted relevance that 95 % of the relevant best hits reach (their 5th percentile).</param>
/// <param name="Threshold">The close-match threshold checked (predicted relevance).</param>
/// <param name="CloseShare">Share of queries whose best hit reached <paramref name="Threshold"/> (shown as matches).</param>
/// <param name="ClosePrecision">Share of those best hits that were relevant (null when none reached it).</param>
/// <param name="CorrectHidden">Share of the relevant best hits that fell below <paramref name="Threshold"/> (hidden behind "no close match").</param>
/// <param name="WithoutMatchShown">
/// Share of queries whose best irrelevant hit reaches <paramref name="Threshold"/>: how often the page would still present
/// results as matches if the collection held nothing relevant to the query. Meaningful for sound classes; for Flickr8k the
/// best "irrelevant" photo is usually a look-alike a person would accept.
/// </param>
public sealed record TopHitCheck(
    int Queries, double MeanRelevance, double Precision, double CorrectFloor, double Threshold, double CloseShare, double? ClosePrecision,
    double CorrectHidden, double? WithoutMatchShown = null);
