using System.Globalization;
using System.Text;
using SearchEngine.Embeddings.Calibration;

namespace SearchEngine.Training.Calibration;

/// <summary>The figures of a calibration as Markdown tables (what <c>pack calibrate</c> prints and the README quotes).</summary>
public static class CalibrationTable
{
    /// <summary>A summary table per direction, then each direction's reliability bins.</summary>
    public static string Format(CalibrationDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var calibration = new PackCalibration(document);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"pack: {document.PackId} (fingerprint {document.PackFingerprint[..Math.Min(16, document.PackFingerprint.Length)]}), fitted {document.FittedAt:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine();
        text.AppendLine(Invariant($"close-match threshold: relevance {document.CloseMatch} ({document.CloseMatchRule})"));
        text.AppendLine();
        text.AppendLine("| direction | pairs (relevant) | base rate | score at relevance 0.5 / 0.9 | cross-fitted ECE | best hit: predicted / observed | best hit shown as a match: share of queries / precision | right best hits hidden | shown as a match with nothing relevant |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, direction) in document.Directions)
        {
            var curve = calibration.Curves[Parse(name)];
            var top = direction.Check?.TopHit;
            var pairs = Invariant($"{direction.Pairs:N0} ({direction.RelevantPairs:N0}) | {(double)direction.RelevantPairs / direction.Pairs:P2}");
            var scores = $"{Score(curve.ScoreFor(0.5))} / {Score(curve.ScoreFor(0.9))}";
            var check = Invariant($"{direction.Check?.ExpectedCalibrationError:F4} | {top?.MeanRelevance:F3} / {top?.Precision:F3} | {top?.CloseShare:P1}");
            var close = top?.ClosePrecision is { } p ? p.ToString("F3", CultureInfo.InvariantCulture) : "–";
            var hidden = Invariant($"{top?.CorrectHidden:P1} | {top?.WithoutMatchShown:P1}");
            text.AppendLine($"| {Arrow(name)} | {pairs} | {scores} | {check} / {close} | {hidden} |");
        }

        text.AppendLine(Invariant($"| other directions (fallback: lower envelope) | | | {Score(calibration.Fallback.ScoreFor(0.5))} / {Score(calibration.Fallback.ScoreFor(0.9))} | | | | | |"));
        foreach (var (name, direction) in document.Directions.Where(d => d.Value.Check is not null))
        {
            text.AppendLine();
            text.AppendLine(Invariant($"{Arrow(name)} reliability (cross-fitted, {direction.Check!.Folds}): predicted → observed (pairs)"));
            text.AppendLine(string.Join("; ", direction.Check.Bins.Select(b =>
                Invariant($"[{b.From:0.##}, {b.To:0.##}) {b.Predicted:F3} → {b.Observed:F3} ({b.Pairs:N0})"))));
        }

        return text.ToString().TrimEnd();
    }

    private static ScoreDirection Parse(string name) =>
        ScoreDirection.TryParse(name, out var direction) ? direction : throw new InvalidDataException($"'{name}' is not a search direction.");

    private static string Arrow(string name) => name.Replace("_to_", "→", StringComparison.Ordinal);

    private static string Score(float? score) => score is { } s ? s.ToString("F3", CultureInfo.InvariantCulture) : "never";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
