namespace SearchEngine.Benchmarks.Query;

/// <summary>Retrieval quality of one configuration on one query set (percentages for recall, 0–1 for mAP).</summary>
internal sealed record RecallRow(string Set, string Configuration, int Queries, double R1, double R5, double R10, double? MeanAveragePrecision = null, double? P10 = null)
{
    public object ToJson() => new
    {
        set = Set,
        configuration = Configuration,
        queries = Queries,
        r1 = Math.Round(R1, 2),
        r5 = Math.Round(R5, 2),
        r10 = Math.Round(R10, 2),
        map = MeanAveragePrecision is { } m ? Math.Round(m, 4) : (double?)null,
        p10 = P10 is { } p ? Math.Round(p, 4) : (double?)null,
    };

    public static void Print(IEnumerable<RecallRow> rows)
    {
        Console.WriteLine("| set | configuration | queries | R@1 | R@5 | R@10 | mAP | P@10 |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            Console.WriteLine($"| {r.Set} | {r.Configuration} | {r.Queries} | {r.R1:F1} | {r.R5:F1} | {r.R10:F1} | {r.MeanAveragePrecision?.ToString("F4") ?? "–"} | {r.P10?.ToString("F3") ?? "–"} |");
        }
    }
}
