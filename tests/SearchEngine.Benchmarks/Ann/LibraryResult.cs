using System.Text.Json.Nodes;

namespace SearchEngine.Benchmarks.Ann;

/// <summary>One library's figures: build times, memory and, per ef, recall@10 and queries/s.</summary>
internal sealed class LibraryResult(string name)
{
    public string Name { get; } = name;

    public double? BuildSeconds1T { get; set; }

    public double? BuildSeconds2T { get; set; }

    public double? MemoryMiB { get; set; }

    public string Notes { get; set; } = "";

    public List<EfResult> Runs { get; } = [];

    /// <summary>Queries/s (single-threaded) at <paramref name="recall"/>, interpolated on log(qps) between measured points.</summary>
    public double? QpsAtRecall(double recall)
    {
        var points = Runs.OrderBy(r => r.Recall).ToList();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Recall >= recall)
            {
                if (i == 0)
                {
                    return points[0].Qps1T;
                }
                var a = points[i - 1];
                var b = points[i];
                var t = (recall - a.Recall) / Math.Max(1e-12, b.Recall - a.Recall);
                return Math.Exp(Math.Log(a.Qps1T) + (t * (Math.Log(b.Qps1T) - Math.Log(a.Qps1T))));
            }
        }
        return null;
    }

    public JsonObject ToJson()
    {
        var runs = new JsonArray();
        foreach (var r in Runs)
        {
            runs.Add(new JsonObject
            {
                ["ef"] = r.Ef,
                ["recall_at_10"] = Math.Round(r.Recall, 4),
                ["qps_1t"] = Math.Round(r.Qps1T, 1),
                ["qps_2t"] = Math.Round(r.Qps2T, 1),
                ["build_s"] = BuildSeconds1T is { } b ? Math.Round(b, 2) : null,
            });
        }
        return new JsonObject
        {
            ["build_s_1t"] = BuildSeconds1T is { } b1 ? Math.Round(b1, 2) : null,
            ["build_s_2t"] = BuildSeconds2T is { } b2 ? Math.Round(b2, 2) : null,
            ["memory_mib"] = MemoryMiB is { } m ? Math.Round(m, 1) : null,
            ["qps_1t_at_recall_095"] = QpsAtRecall(0.95) is { } q ? Math.Round(q, 1) : null,
            ["notes"] = Notes,
            ["runs"] = runs,
        };
    }

    public static LibraryResult FromJson(string name, JsonNode node)
    {
        var result = new LibraryResult(name)
        {
            BuildSeconds1T = (double?)node["build_s_1t"],
            BuildSeconds2T = (double?)node["build_s_2t"],
            MemoryMiB = (double?)node["memory_mib"],
            Notes = (string?)node["notes"] ?? "",
        };
        foreach (var r in node["runs"]!.AsArray())
        {
            result.Runs.Add(new EfResult((int)r!["ef"]!, (double)r["recall_at_10"]!, (double)r["qps_1t"]!, (double)r["qps_2t"]!));
        }
        return result;
    }
}

/// <summary>Figures at one ef.</summary>
internal sealed record EfResult(int Ef, double Recall, double Qps1T, double Qps2T);
