using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace SearchEngine.QueryApi.Tests.BadInput;

/// <summary>
/// The bad-input suite over the HTTP surfaces: every case must get its 4xx with a problem that names what is wrong, no
/// case may cause a 5xx or take the service down, no request may spend more than 2 s of CPU (the process's and its
/// children's, so ffmpeg counts), and the process's memory must stay bounded over the whole suite. Prints the figures.
/// CPU and memory are the whole process's, so the suite runs alone: no other test class shares the process meanwhile.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class BadInputSuite(SearchSite site, ITestOutputHelper output) : IClassFixture<SearchSite>
{
    private static readonly TimeSpan CpuBudget = TimeSpan.FromSeconds(2);
    private const long MemoryGrowthBudget = 512L * 1024 * 1024;

    [Fact]
    public async Task Every_bad_input_gets_a_named_4xx_and_bounded_cost()
    {
        var scratch = Directory.CreateTempSubdirectory("searchengine-bad-input-").FullName;
        try
        {
            var cases = BadInputCases.All(site, scratch);
            Assert.True(cases.Count >= 1, "no cases");

            // One warm-up search so model loading is not charged to the first case.
            (await site.Client.GetAsync(new Uri($"/api/search?collection={SearchSite.Collection}&q=dog", UriKind.Relative))).EnsureSuccessStatusCode();
            GC.Collect();
            ProcessFigures.ResetPeak();
            var rssBefore = ProcessFigures.ResidentBytes();
            var failures = new List<string>();
            var serverErrors = 0;
            var worstCpu = TimeSpan.Zero;
            var worstCase = "";
            foreach (var badInput in cases)
            {
                var cpuBefore = ProcessFigures.CpuTime();
                using var response = await badInput.Send(site.Client);
                var body = await response.Content.ReadAsStringAsync();
                var cpu = ProcessFigures.CpuTime() - cpuBefore;
                if (cpu > worstCpu)
                {
                    (worstCpu, worstCase) = (cpu, badInput.ToString());
                }

                var status = (int)response.StatusCode;
                serverErrors += status >= 500 ? 1 : 0;
                var problem = Check(badInput, status, body, cpu);
                if (problem is not null)
                {
                    failures.Add($"{badInput}: {problem}");
                }

                using var health = await site.Client.GetAsync(new Uri("/health", UriKind.Relative));
                if (!health.IsSuccessStatusCode)
                {
                    failures.Add($"{badInput}: the service stopped answering /health ({(int)health.StatusCode})");
                }
            }

            var growth = ProcessFigures.PeakResidentBytes() - rssBefore;
            var surfaces = string.Join(", ", cases.GroupBy(c => c.Surface).Select(g => $"{g.Key} {g.Count()}"));
            output.WriteLine($"Bad-input suite: {cases.Count} cases ({surfaces})");
            output.WriteLine($"  5xx answers:              {serverErrors}");
            output.WriteLine($"  peak memory growth:       {growth / (1024.0 * 1024):F1} MiB (peak RSS over RSS before the suite)");
            output.WriteLine($"  worst CPU per request:    {worstCpu.TotalMilliseconds:F0} ms ({worstCase})");
            output.WriteLine(JsonSerializer.Serialize(new
            {
                suite = "bad-input-http",
                cases = cases.Count,
                server_errors = serverErrors,
                peak_memory_growth_mib = Math.Round(growth / (1024.0 * 1024), 1),
                worst_cpu_ms = Math.Round(worstCpu.TotalMilliseconds),
                worst_case = worstCase,
            }));

            Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures));
            Assert.Equal(0, serverErrors);
            Assert.True(growth < MemoryGrowthBudget, $"peak memory grew by {growth / (1024 * 1024)} MiB over the suite");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string? Check(BadInputCase badInput, int status, string body, TimeSpan cpu)
    {
        var why = new StringBuilder();
        if (status != badInput.Status)
        {
            why.Append(CultureInfo.InvariantCulture, $"expected {badInput.Status}, got {status}; ");
        }

        if (cpu > CpuBudget)
        {
            why.Append(CultureInfo.InvariantCulture, $"spent {cpu.TotalMilliseconds:F0} ms of CPU; ");
        }

        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
            if (!detail.Contains(badInput.MustName, StringComparison.OrdinalIgnoreCase))
            {
                why.Append(CultureInfo.InvariantCulture, $"detail does not name '{badInput.MustName}': {Cut(detail)}; ");
            }

            if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
            {
                why.Append("the answer carries a stack trace or exception name; ");
            }
        }
        catch (JsonException)
        {
            why.Append(CultureInfo.InvariantCulture, $"the answer is not problem details JSON: {Cut(body)}; ");
        }

        return why.Length == 0 ? null : why.ToString();
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>The bad-input suite's collection: run with no other test class beside it, so its figures are its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BadInputCollection
{
    public const string Name = "bad input, alone";
}
