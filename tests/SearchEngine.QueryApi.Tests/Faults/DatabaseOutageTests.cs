using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Collections;
using SearchEngine.Serving;
using SearchEngine.Testing;
using Xunit.Abstractions;

namespace SearchEngine.QueryApi.Tests.Faults;

/// <summary>
/// PostgreSQL goes away and comes back under a running API (a private cluster, stopped with <c>-m immediate</c>): searches
/// answer 503 with Retry-After meanwhile, never 500; the API recovers without a restart; nothing acknowledged is lost.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stopping_and_starting_postgres_mid_load_gives_503_with_retry_after_then_full_recovery_with_nothing_acknowledged_lost()
    {
        await using var cluster = await PrivatePostgresCluster.StartNewAsync();
        await using var site = await OutageSite.CreateAsync(cluster.ConnectionString(), documents: 30);
        using var client = site.Api.CreateClient();
        (await OutageSite.EventuallyAsync(client, OutageSite.SearchUrl, HttpStatusCode.OK, Patience)).Dispose();

        var statuses = new ConcurrentQueue<(HttpStatusCode Status, bool RetryAfter, string Body)>();
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var searchers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.GetAsync(new Uri(OutageSite.SearchUrl, UriKind.Relative));
                statuses.Enqueue((response.StatusCode, response.Headers.RetryAfter is not null, await response.Content.ReadAsStringAsync()));
                await Task.Delay(20);
            }
        })).ToList();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var uri = $"load/{i}.jpg";
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        await site.WriteAsync([uri], seed: 1000 + i);
                        acknowledged.Enqueue(uri);
                        break;
                    }
                    catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
                    {
                        await Task.Delay(100); // not acknowledged: retried, as a client would
                    }
                }

                await Task.Delay(50);
            }
        });

        await Task.Delay(1000);
        await cluster.StopAsync();
        var outage = await OutageSite.EventuallyAsync(client, OutageSite.SearchUrl, HttpStatusCode.ServiceUnavailable, Patience);
        Assert.NotNull(outage.Headers.RetryAfter);
        var problem = JsonDocument.Parse(await outage.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Database unavailable", problem.GetProperty("title").GetString());
        Assert.Contains("PostgreSQL", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        (await OutageSite.EventuallyAsync(client, "/ready", HttpStatusCode.ServiceUnavailable, Patience)).Dispose();
        (await OutageSite.EventuallyAsync(client, "/health", HttpStatusCode.OK, Patience)).Dispose();
        await Task.Delay(2000);

        await cluster.StartAsync();
        (await OutageSite.EventuallyAsync(client, OutageSite.SearchUrl, HttpStatusCode.OK, Patience)).Dispose();
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll([.. searchers, writer]);

        var unexpected = statuses.Where(s => s.Status is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)).ToList();
        Assert.True(unexpected.Count == 0, "only 200 and 503 are allowed: " + string.Join(" | ", unexpected.Take(3).Select(s => $"{(int)s.Status} {s.Body}")));
        var unavailable = statuses.Where(s => s.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, s => Assert.True(s.RetryAfter, "every 503 carries Retry-After"));
        Assert.True(statuses.Count(s => s.Status == HttpStatusCode.OK) > unavailable.Count / 10);

        // Nothing acknowledged is lost: every committed document is in PostgreSQL and, once ready, in the served index.
        Assert.NotEmpty(acknowledged);
        var stored = await site.ScalarAsync($"SELECT count(*) FROM documents WHERE uri LIKE 'load/%' AND uri = ANY(ARRAY['{string.Join("','", acknowledged)}'])");
        Assert.Equal(acknowledged.Count, stored);
        (await OutageSite.EventuallyAsync(client, "/ready", HttpStatusCode.OK, Patience)).Dispose();
        var served = site.Api.Services.GetRequiredService<CollectionServing>().Opened.Single(i => i.Collection.Name == OutageSite.Collection);
        Assert.Equal(await site.ScalarAsync("SELECT count(*) FROM segments"), served.Index.Count);
        output.WriteLine($"searches: {statuses.Count} ({unavailable.Count} answered 503 during the outage), documents acknowledged under load: {acknowledged.Count}, all found");
    }

    [Fact]
    public async Task An_api_started_before_postgres_starts_answers_503_and_serves_once_the_database_is_up()
    {
        await using var cluster = await PrivatePostgresCluster.StartNewAsync();
        // The API runs as the read-only role, as deployed: reading and recording its serving copy is all it needs.
        await using var site = await OutageSite.CreateAsync(cluster.ConnectionString(), documents: 10, readRole: "searchengine_reader");
        await cluster.StopAsync();

        using var client = site.Api.CreateClient();
        (await OutageSite.EventuallyAsync(client, "/health", HttpStatusCode.OK, Patience)).Dispose();
        using (var down = await OutageSite.EventuallyAsync(client, OutageSite.SearchUrl, HttpStatusCode.ServiceUnavailable, Patience))
        {
            Assert.NotNull(down.Headers.RetryAfter);
        }

        using (var ready = await client.GetAsync(new Uri("/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("database (PostgreSQL) is unavailable", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await cluster.StartAsync();
        using var up = await OutageSite.EventuallyAsync(client, OutageSite.SearchUrl, HttpStatusCode.OK, Patience);
        var results = JsonDocument.Parse(await up.Content.ReadAsStringAsync()).RootElement.GetProperty("results");
        Assert.Equal(5, results.GetArrayLength());
        (await OutageSite.EventuallyAsync(client, "/ready", HttpStatusCode.OK, Patience)).Dispose();

        // Its catch-up loop records the copy's sequence, which change-log pruning waits for.
        var deadline = DateTime.UtcNow + Patience;
        while (await site.ScalarAsync("SELECT count(*) FROM serving_copies WHERE sequence = se_last_sequence(collection_id)") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the API never recorded its serving copy");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_full_disk_under_the_api_is_tolerated_with_one_rebuild_and_no_rebuild_loop()
    {
        using var disk = FullDisk.Create();
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            await using var site = await OutageSite.CreateAsync(database.ConnectionString, documents: 20, indexFolder: disk.Folder);
            using var client = site.Api.CreateClient();
            for (var i = 0; i < 20; i++)
            {
                (await OutageSite.EventuallyAsync(client, OutageSite.SearchUrl, HttpStatusCode.OK, Patience)).Dispose();
            }

            await Task.Delay(3000); // six catch-up intervals: a failed save must not make any of them reopen the index
            (await OutageSite.EventuallyAsync(client, OutageSite.SearchUrl, HttpStatusCode.OK, Patience)).Dispose();
            var loader = site.Api.Services.GetRequiredService<CollectionIndexLoader>();
            Assert.Equal(1, loader.Rebuilds);
            Assert.Empty(Directory.EnumerateFiles(disk.Folder, "*.hnsw*"));
            output.WriteLine($"rebuilds after 21 searches and 3 s of catch-ups on a full disk: {loader.Rebuilds}");
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
