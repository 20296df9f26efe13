using System.Diagnostics;
using System.Text.Json;
using SearchEngine.Ingestion.Pipeline;

namespace SearchEngine.Indexer.Terminal;

/// <summary>Writes a job's summary as JSON for scripts and benchmarks (<c>index --summary-json FILE</c>).</summary>
internal static class SummaryJson
{
    public static void Write(IndexingSummary summary, string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("collection", summary.Collection);
        json.WriteString("outcome", summary.Outcome.ToString().ToLowerInvariant());
        json.WriteBoolean("dry_run", summary.DryRun);
        json.WriteNumber("seen", summary.Seen);
        json.WriteNumber("indexed", summary.Indexed);
        json.WriteNumber("skipped", summary.Skipped);
        json.WriteNumber("failed", summary.Failures.Count(f => f.Stage != FailureStage.Sidecar));
        json.WriteNumber("deleted", summary.Deleted);
        json.WriteNumber("segments", summary.Segments);
        json.WriteNumber("seconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
        json.WriteNumber("documents_per_s", Math.Round(summary.IndexedPerSecond, 2));
        json.WriteNumber("peak_rss_mb", Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024), 1));
        json.WriteStartObject("stage_seconds");
        foreach (var (stage, seconds) in summary.StageSeconds)
        {
            json.WriteNumber(stage, seconds);
        }

        json.WriteEndObject();
        json.WriteStartArray("failures");
        foreach (var failure in summary.Failures)
        {
            json.WriteStartObject();
            json.WriteString("path", failure.Path);
            json.WriteString("stage", failure.Stage);
            json.WriteString("reason", failure.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
