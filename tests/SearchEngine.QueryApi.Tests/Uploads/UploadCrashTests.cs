using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Access;
using SearchEngine.Testing;
using static SearchEngine.QueryApi.Tests.Uploads.UploadRequests;

namespace SearchEngine.QueryApi.Tests.Uploads;

/// <summary>
/// Acknowledged means durable: the real query-api, uploaded to by two clients in a loop, is killed with SIGKILL in the
/// middle of uploads and started again. Every upload that was answered 2xx is there (by id and by search), and no
/// upload left half a document: every document has its segments and its file. An unanswered upload may or may not
/// have committed; if it did, it is whole and searchable too.
/// </summary>
public sealed class UploadCrashTests
{
    private const string C = "crash";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Uploads_acknowledged_before_a_kill_9_survive_it_whole_and_searchable_and_none_is_left_half_written()
    {
        await using var database = new PostgresDatabase();
        await database.InitializeAsync();
        var state = Directory.CreateTempSubdirectory("searchengine-upload-crash-").FullName;
        try
        {
            var settings = SiteSettings.Of(database.ConnectionString, state);
            settings["Access:AnonymousRead"] = "false";
            settings["Access:HashIterations"] = "10000";
            settings["Logging:LogLevel:Default"] = "Warning";
            settings["QueryApi:RateLimits:RequestsPerWindow"] = "1000000";
            settings["QueryApi:RateLimits:UploadsPerWindow"] = "1000000";
            var seed = Directory.CreateDirectory(Path.Combine(state, "seed")).FullName;
            await File.WriteAllTextAsync(Path.Combine(seed, "seed.txt"), "A first note, so that the indexer makes the collection.");
            await SiteIndexing.IndexAsync(settings, C, [seed], expectedDocuments: 1);
            await using var data = NpgsqlDataSource.Create(database.ConnectionString);
            var key = (await new ApiKeyStore(data, Options.Create(new AccessOptions { HashIterations = 10_000 })).CreateAsync("crash", ["write"], null)).Token;

            var acknowledged = new ConcurrentDictionary<int, long>();
            var unanswered = new ConcurrentBag<int>();
            var pictures = new ConcurrentDictionary<int, byte[]>();
            var next = -1;
            using (var api = await QueryApiProcess.StartAsync(settings, StartTimeout))
            {
                using var client = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(30) };
                using var stop = new CancellationTokenSource();
                var clients = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var n = Interlocked.Increment(ref next);
                        var picture = pictures.GetOrAdd(n, i => UploadMedia.Jpeg(seed: 10_000 + i, 320, 240));
                        try
                        {
                            using var response = await client.SendAsync(Files(C, key, [($"{n}.jpg", picture)]));
                            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                            acknowledged[n] = (await DocumentsAsync(response))[0].GetProperty("id").GetInt64();
                        }
                        catch (HttpRequestException)
                        {
                            // Killed while this upload was in flight: no answer.
                            unanswered.Add(n);
                            return;
                        }
                    }
                })).ToArray();

                // Let some uploads be acknowledged, then kill the process while the clients are in the middle of others.
                var clock = Stopwatch.StartNew();
                while (acknowledged.Count < 8 && clock.Elapsed < TimeSpan.FromSeconds(20))
                {
                    await Task.Delay(50);
                }

                await Task.Delay(Random.Shared.Next(20, 120));
                api.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(clients);
                Assert.True(acknowledged.Count >= 8, $"Only {acknowledged.Count} uploads were acknowledged before the kill:\n{api.Tail}");
                Assert.NotEmpty(unanswered);
            }

            using var restarted = await QueryApiProcess.StartAsync(settings, StartTimeout);
            using var after = new HttpClient { BaseAddress = restarted.Address };

            // No half state: every document has segments, and every document's file is there.
            await using (var bare = data.CreateCommand("SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM segments s WHERE s.document_id = d.id)"))
            {
                Assert.Equal(0L, await bare.ExecuteScalarAsync());
            }

            await using (var uris = data.CreateCommand("SELECT uri FROM documents d JOIN collections c ON c.id = d.collection_id WHERE c.name = @c"))
            {
                uris.Parameters.AddWithValue("c", C);
                await using var reader = await uris.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    Assert.True(File.Exists(reader.GetString(0)), $"Document file {reader.GetString(0)} is missing.");
                }
            }

            foreach (var (n, id) in acknowledged)
            {
                using var record = await after.SendAsync(Access.Requests.Get($"/api/documents/{id}", key));
                Assert.Equal(HttpStatusCode.OK, record.StatusCode);
                Assert.Equal(id, (await SearchByImageAsync(after, key, C, pictures[n], k: 1))[0]);
            }

            // An upload that got no answer either committed whole (then it is found like any other) or left nothing.
            foreach (var n in unanswered)
            {
                var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pictures[n]));
                await using var find = data.CreateCommand("SELECT id FROM documents WHERE content_sha256 = @sha");
                find.Parameters.AddWithValue("sha", sha);
                if (await find.ExecuteScalarAsync() is long id)
                {
                    Assert.Equal(id, (await SearchByImageAsync(after, key, C, pictures[n], k: 1))[0]);
                }
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
