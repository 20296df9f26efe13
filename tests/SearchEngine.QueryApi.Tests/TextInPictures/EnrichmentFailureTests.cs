using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SearchEngine.Testing;
using SearchEngine.Testing.Sites;

namespace SearchEngine.QueryApi.Tests.TextInPictures;

/// <summary>
/// The enrichment pass under failure: the real indexer's <c>enrich</c> killed with SIGKILL halfway and run again ends
/// with every picture read once (no text segment twice, nothing left out); without Tesseract, <c>enrich</c> fails with
/// the fix in its message and the query API says so once in its log and serves searches as before.
/// </summary>
public sealed class EnrichmentFailureTests : IAsyncLifetime
{
    private const string Collection = "signs-to-kill";
    private static readonly string[] Words = ["NORTH GATE", "CITY MUSEUM", "LAST EXIT", "BUS STOP", "FERRY PIER", "MARKET HALL", "OLD BRIDGE", "RIVER WALK", "STATION ROAD", "TOWN SQUARE"];
    private readonly PostgresDatabase _database = new();
    private readonly string _state = Directory.CreateTempSubdirectory("searchengine-enrich-kill-").FullName;
    private Dictionary<string, string?> _settings = [];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var folder = Path.Combine(_state, "pictures");
        Directory.CreateDirectory(folder);
        var photos = File.ReadAllLines(SharedFiles.Require("datasets/flickr8k/splits/train.txt"));
        for (var i = 0; i < Words.Length; i++)
        {
            var photo = photos[(i * 53) + 5];
            SignPictures.Write(Path.Combine(folder, $"sign-{i}.jpg"), SharedFiles.Require(Path.Combine("datasets/flickr8k/images", photo[..2], photo)), new Sign(Words[i], Size: 40));
        }

        _settings = SiteSettings.Of(_database.ConnectionString, _state);
        await SiteIndexing.IndexAsync(_settings, Collection, [folder], Words.Length);
    }

    [Fact]
    public async Task Enrich_killed_halfway_and_run_again_reads_every_picture_once()
    {
        using var killed = Process.Start(IndexerProgram.StartInfo(Enrich("--Ocr:BatchSize=2"), Environment())) ?? throw new InvalidOperationException("the indexer did not start");
        var stderr = killed.StandardError.ReadToEndAsync();
        _ = killed.StandardOutput.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        long done;
        while ((done = await ScalarAsync("SELECT count(*) FROM enrichments")) < 2)
        {
            if (killed.HasExited)
            {
                Assert.Fail($"enrich ended before it could be killed: {await stderr}");
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "no picture was read within 2 minutes");
            await Task.Delay(20);
        }

        HardKill.Kill(killed);
        done = await ScalarAsync("SELECT count(*) FROM enrichments");
        Assert.True(done >= 2 && done < Words.Length, $"{done} of {Words.Length} read at the kill: {await stderr}");

        var (code, output, error) = await IndexerProgram.RunAsync(Enrich(), Environment(), TimeSpan.FromMinutes(3));
        Assert.True(code == 0, error);
        Assert.Contains("\"to_do\":0", output.Trim().Split('\n')[^1], StringComparison.Ordinal);

        Assert.Equal(Words.Length, await ScalarAsync("SELECT count(*) FROM enrichments WHERE pass = 'ocr'"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM (SELECT document_id FROM segments WHERE kind = 'ocr' GROUP BY document_id HAVING count(*) > 1) AS twice"));
        // Every picture's text is stored with the record that says it was read, and the change log replays it.
        Assert.Equal(await ScalarAsync("SELECT count(*) FROM enrichments WHERE outcome = 'text'"), await ScalarAsync("SELECT count(DISTINCT document_id) FROM segments WHERE kind = 'ocr'"));
        // How many signs are read is the benchmark's question; here it only has to be most of them.
        Assert.True(await ScalarAsync("SELECT count(*) FROM enrichments WHERE outcome = 'text'") >= Words.Length / 2, error);
        Assert.Equal(
            await ScalarAsync("SELECT count(*) FROM segments WHERE kind = 'ocr'"),
            await ScalarAsync("SELECT count(*) FROM segment_changes AS c JOIN segments AS s ON s.id = c.segment_id WHERE c.op = 'i' AND s.kind = 'ocr'"));
    }

    [Fact]
    public async Task A_picture_tesseract_cannot_finish_in_time_is_its_own_failure_and_the_pass_goes_on()
    {
        var (code, output, error) = await IndexerProgram.RunAsync(Enrich("--Ocr:Timeout=00:00:00.001"), Environment(), TimeSpan.FromMinutes(2));
        Assert.True(code == 0, error);
        Assert.Contains("\"to_do\":0", output.Trim().Split('\n')[^1], StringComparison.Ordinal);
        var failed = await ScalarAsync("SELECT count(*) FROM enrichments WHERE outcome = 'failed' AND detail LIKE '%took longer than%'");
        Assert.True(failed >= Words.Length / 2, error);
        Assert.Equal(Words.Length, await ScalarAsync("SELECT count(*) FROM enrichments"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM segments WHERE kind = 'ocr'"));
    }

    [Fact]
    public async Task Without_tesseract_enrich_fails_with_the_fix_and_the_api_logs_it_once_and_searches()
    {
        var (code, _, error) = await IndexerProgram.RunAsync(Enrich("--Ocr:TesseractPath=/nonexistent/tesseract"), Environment(), TimeSpan.FromMinutes(2));
        Assert.Equal(1, code);
        Assert.Contains("Tesseract was not found", error, StringComparison.Ordinal);
        Assert.Contains("apt-get install tesseract-ocr", error, StringComparison.Ordinal);

        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?>(_settings) { ["Ocr:Enabled"] = "true", ["Ocr:TesseractPath"] = "/nonexistent/tesseract" };
        await using var api = new QueryApiFactory(settings);
        await using var logged = api.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var client = logged.CreateClient();
        var deadline = Stopwatch.StartNew();
        while (!logs.Entries.Any(e => e.Message.Contains("Tesseract was not found", StringComparison.Ordinal)))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the API did not say that Tesseract is missing");
            await Task.Delay(50);
        }

        var results = await client.GetJsonAsync($"/api/search?collection={Collection}&q=museum&k=3");
        Assert.Equal(3, results.GetProperty("results").GetArrayLength());
        var progress = SignCollection.Progress(await client.GetJsonAsync($"/api/collections/{Collection}"));
        Assert.Equal(Words.Length, progress.GetProperty("to_do").GetInt64());
        Assert.Equal(0, progress.GetProperty("failed").GetInt64());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(logs.Entries, e => e.Message.Contains("Tesseract was not found", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    private static string[] Enrich(params string[] more) => ["enrich", "--collection", Collection, "--workers", "1", .. more];

    private Dictionary<string, string> Environment() => _settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var data = NpgsqlDataSource.Create(_database.ConnectionString);
        await using var command = data.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
