using System.Diagnostics;
using SearchEngine.Core;
using SearchEngine.Testing;

namespace SearchEngine.Ingestion.Tests;

/// <summary>
/// The real indexer, run as a child process, killed with SIGKILL halfway and started again, ends with the same rows as
/// an uninterrupted run into another database: no duplicates, nothing lost, and an index holding every segment.
/// </summary>
public sealed class KillAndRestartTests(PostgresDatabase database, PackFixture fixture) : IClassFixture<PostgresDatabase>, IClassFixture<PackFixture>
{
    private const string Collection = "killed";

    [Fact]
    public async Task A_run_killed_halfway_and_restarted_ends_with_the_same_rows_as_an_uninterrupted_run()
    {
        var files = Directory.CreateTempSubdirectory("searchengine-ingest-kill-").FullName;
        var killedIndex = Directory.CreateTempSubdirectory("searchengine-ingest-kill-index-").FullName;
        var cleanIndex = Directory.CreateTempSubdirectory("searchengine-ingest-clean-index-").FullName;
        var clean = new PostgresDatabase();
        await clean.InitializeAsync();
        try
        {
            var total = MakeFiles(files);

            var killed = Start(files, database.ConnectionString, killedIndex);
            var committedAtKill = await KillWhenSomeCommittedAsync(killed, total);
            Assert.InRange(committedAtKill, 1, total - 1);

            var restart = Start(files, database.ConnectionString, killedIndex);
            await FinishAsync(restart);
            var uninterrupted = Start(files, clean.ConnectionString, cleanIndex);
            await FinishAsync(uninterrupted);

            var documents = await Rows.DocumentsAsync(database.ConnectionString, Collection);
            Assert.Equal(total, documents.Count);
            Assert.Equal(await Rows.DocumentsAsync(clean.ConnectionString, Collection), documents);
            var segments = await Rows.SegmentsAsync(database.ConnectionString, Collection);
            var expected = await Rows.SegmentsAsync(clean.ConnectionString, Collection);
            Assert.Equal(expected.Count, segments.Count);
            for (var i = 0; i < segments.Count; i++)
            {
                Assert.Equal((expected[i].Uri, expected[i].Kind, expected[i].Start, expected[i].End), (segments[i].Uri, segments[i].Kind, segments[i].Start, segments[i].End));
                for (var j = 0; j < segments[i].Vector.Length; j++)
                {
                    Assert.Equal(expected[i].Vector[j], segments[i].Vector[j], 4);
                }
            }

            // The index the restarted run saved holds exactly the committed segments.
            await using var harness = await Harness.CreateAsync(database.ConnectionString, killedIndex);
            using var index = await harness.OpenIndexAsync(Collection);
            Assert.Equal(segments.Count, index.Index.Count);
            Assert.All(segments, s => Assert.True(index.Index.Contains(s.Id)));
        }
        finally
        {
            await clean.DisposeAsync();
            foreach (var folder in new[] { files, cleanIndex, killedIndex })
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }

    [Fact]
    public async Task Sigterm_stops_the_job_cleanly_and_a_restart_finishes_it()
    {
        var files = Directory.CreateTempSubdirectory("searchengine-ingest-term-").FullName;
        var indexFolder = Directory.CreateTempSubdirectory("searchengine-ingest-term-index-").FullName;
        var db = new PostgresDatabase();
        await db.InitializeAsync();
        try
        {
            var total = MakeFiles(files);
            var first = Start(files, db.ConnectionString, indexFolder);
            await using (var connection = await db.OpenAsync())
            {
                await WaitForCommitsAsync(first, connection);
            }

            using (var term = Process.Start("kill", ["-TERM", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term!.WaitForExitAsync();
            }

            var stderr = await first.StandardError.ReadToEndAsync();
            await first.WaitForExitAsync();
            Assert.True(first.ExitCode == 130, $"exit code {first.ExitCode}: {stderr}");
            Assert.Equal(1, await Rows.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM jobs WHERE status = 'cancelled'"));

            var restart = Start(files, db.ConnectionString, indexFolder);
            await FinishAsync(restart);
            Assert.Equal(total, await Rows.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM documents"));
        }
        finally
        {
            await db.DisposeAsync();
            Directory.Delete(files, recursive: true);
            Directory.Delete(indexFolder, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_killed_halfway_loses_no_acknowledged_fingerprint()
    {
        var files = Directory.CreateTempSubdirectory("searchengine-ingest-fpkill-").FullName;
        var indexFolder = Directory.CreateTempSubdirectory("searchengine-ingest-fpkill-index-").FullName;
        var db = new PostgresDatabase();
        await db.InitializeAsync();
        try
        {
            // Spoken clips, each sentence twice at another voice or speed: enough work that the kill lands between commits.
            var sentences = SpeechMedia.Sentences.Append(SpeechMedia.Unindexed).ToArray();
            var clips = new List<string>();
            for (var i = 0; i < 2 * sentences.Length * 2; i++)
            {
                var clip = Path.Combine(files, $"talk{i:00}.wav");
                SpeechMedia.Speak(clip, sentences[i % sentences.Length], i / sentences.Length);
                clips.Add(clip);
            }

            var killed = Start(files, db.ConnectionString, indexFolder, "fp-killed");
            var committed = await KillWhenSomeCommittedAsync(killed, clips.Count, db);
            Assert.InRange(committed, 1, clips.Count - 1);

            // Every document the database acknowledged has its fingerprint, and it matches the document's own sound.
            Assert.Equal(committed, await Rows.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM documents d JOIN fingerprints f ON f.document_id = d.id"));
            await using var harness = await Harness.CreateAsync(db.ConnectionString, indexFolder);
            using var copy = await harness.Get<Collections.CollectionIndexLoader>().OpenForQueriesAsync(await harness.CollectionAsync("fp-killed"));
            Assert.Equal(committed, copy.Fingerprints!.DocumentCount);
            await using var command = harness.Get<Npgsql.NpgsqlDataSource>().CreateCommand("SELECT id, uri FROM documents ORDER BY id");
            await using var reader = await command.ExecuteReaderAsync();
            var extractor = harness.Get<Fingerprints.FingerprintExtractor>();
            while (await reader.ReadAsync())
            {
                var sound = await harness.Get<Media.Audio.AudioDecoder>().DecodeQueryAsync(reader.GetString(1), 16_000);
                var cut = sound.Samples.AsSpan(16_000, 3 * 16_000);
                var match = copy.Fingerprints.Match(extractor.ExtractQuery(cut, 16_000), 3)[0];
                Assert.Equal(reader.GetInt64(0), match.DocumentId);
                Assert.InRange(match.OffsetSeconds, 0.9, 1.1);
            }

            var restart = Start(files, db.ConnectionString, indexFolder, "fp-killed");
            await FinishAsync(restart);
            Assert.Equal(clips.Count, await Rows.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM documents d JOIN fingerprints f ON f.document_id = d.id"));
        }
        finally
        {
            await db.DisposeAsync();
            foreach (var folder in new[] { files, indexFolder })
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true); // the harness removes the index folder itself
                }
            }
        }
    }

    private static async Task WaitForCommitsAsync(Process process, Npgsql.NpgsqlConnection connection)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            Assert.False(process.HasExited, "the indexer ended before it could be stopped");
            try
            {
                await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM documents", connection);
                if ((long)(await command.ExecuteScalarAsync())! >= 1)
                {
                    return;
                }
            }
            catch (Npgsql.PostgresException)
            {
                // The schema is not there yet.
            }

            await Task.Delay(5);
        }

        throw new TimeoutException("no documents were committed within 2 minutes");
    }

    private static int MakeFiles(string folder)
    {
        // Enough work that the first commit comes well before the last even on a fast, idle machine: with 40 files the
        // killed run was once seen to have committed everything by the time the poll saw its first document.
        var images = File.ReadLines(SharedFiles.Require("datasets/flickr8k/splits/test.txt")).Take(120).ToList();
        foreach (var image in images)
        {
            File.Copy(MediaFiles.Flickr(image), Path.Combine(folder, image));
        }

        foreach (var clip in new[] { "101415-3-0-2.opus", "101415-3-0-3.opus", "101415-3-0-8.opus", "102106-3-0-0.opus" })
        {
            File.Copy(MediaFiles.UrbanSound(clip), Path.Combine(folder, clip));
        }

        for (var i = 0; i < 4; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"note{i}.txt"), $"note number {i} about dogs, boats and bicycles");
        }

        return images.Count + 8;
    }

    private Process Start(string files, string connectionString, string indexFolder, string collection = Collection)
    {
        var start = IndexerProgram.StartInfo(
            ["index", files, "--collection", collection, "--pack", fixture.PackFolder, "--batch-size", "2", "--workers", "1"],
            new Dictionary<string, string> { ["ConnectionStrings__Search"] = connectionString, ["Search__IndexFolder"] = indexFolder });
        var process = Process.Start(start) ?? throw new InvalidOperationException("the indexer did not start");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private async Task<long> KillWhenSomeCommittedAsync(Process process, int total, PostgresDatabase? target = null)
    {
        var db = target ?? database;
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        await using var connection = await db.OpenAsync();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                Assert.Fail($"the indexer ended before it could be killed: {await stderr}");
            }

            long committed;
            try
            {
                                await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM documents", connection);
                committed = (long)(await command.ExecuteScalarAsync())!;
            }
            catch (Npgsql.PostgresException)
            {
                committed = 0; // the schema is not there yet
            }

            if (committed >= 1)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return await Rows.ScalarAsync(db.ConnectionString, "SELECT count(*) FROM documents");
            }

            await Task.Delay(5);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"no documents were committed within 2 minutes of {total}: {await stderr}");
    }

    private static async Task FinishAsync(Process process)
    {
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"the indexer exited with {process.ExitCode}: {await stderr}");
    }
}
