using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SearchEngine.Collections;
using SearchEngine.Serving;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Housekeeping;
using SearchEngine.Testing;

namespace SearchEngine.QueryApi.Tests.Faults;

/// <summary>
/// Housekeeping prunes the change log past a running API's serving copy (deletes included): the API notices at its next
/// catch-up, reopens the copy from PostgreSQL and serves no ghost vectors, answering every search meanwhile.
/// </summary>
public sealed class PrunedLogTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_serving_copy_the_log_was_pruned_past_reopens_from_postgres_without_ghost_vectors()
    {
        await using var site = await OutageSite.CreateAsync(database.ConnectionString, documents: 20, catchUpInterval: TimeSpan.FromSeconds(4));
        using var client = site.Api.CreateClient();
        (await OutageSite.EventuallyAsync(client, OutageSite.SearchUrl, HttpStatusCode.OK, Patience)).Dispose();
        var loader = site.Api.Services.GetRequiredService<CollectionIndexLoader>();
        var rebuilds = loader.Rebuilds;

        // Right after the API's catch-up records its copy, delete documents and prune before its next catch-up: the
        // deletes' log entries are gone before the copy could read them.
        var seen = await site.ScalarAsync("SELECT coalesce(max(extract(epoch FROM seen_at) * 1000000)::bigint, 0) FROM serving_copies");
        var deadline = DateTime.UtcNow + Patience;
        while (await site.ScalarAsync("SELECT coalesce(max(extract(epoch FROM seen_at) * 1000000)::bigint, 0) FROM serving_copies") == seen)
        {
            Assert.True(DateTime.UtcNow < deadline, "the API never recorded its copy");
            await Task.Delay(20);
        }

        var deleted = await site.ScalarListAsync("SELECT id FROM segments ORDER BY id LIMIT 8");
        await new DocumentStore(site.Data).DeleteAsync(site.Info!.Id, Enumerable.Range(0, 8).Select(i => $"seed/{i}.jpg").ToList());
        var pruned = await new ChangeLogPruner(site.Data, Options.Create(new HousekeepingOptions { ServingCopyHorizon = TimeSpan.Zero })).PruneAsync();
        Assert.True(pruned >= 28, $"pruned {pruned}");
        var copy = site.Api.Services.GetRequiredService<CollectionServing>().Opened.Single();
        Assert.True(copy.Index.LastSequence < await site.ScalarAsync($"SELECT pruned_through FROM change_log_horizons WHERE collection_id = {site.Info.Id}"),
            "the copy must lag the pruned horizon for this test to mean anything");

        deadline = DateTime.UtcNow + Patience;
        CollectionIndex? current;
        while ((current = site.Api.Services.GetRequiredService<CollectionServing>().Opened.SingleOrDefault()) is null || current == copy)
        {
            Assert.True(DateTime.UtcNow < deadline, "the API never reopened the copy the log was pruned past");
            (await OutageSite.EventuallyAsync(client, OutageSite.SearchUrl, HttpStatusCode.OK, Patience)).Dispose();
            await Task.Delay(100);
        }

        Assert.Equal(rebuilds + 1, loader.Rebuilds);
        Assert.Equal(12, current.Index.Count);
        Assert.All(deleted, id => Assert.False(current.Index.Contains(id), $"ghost vector {id}"));
        using var response = await OutageSite.EventuallyAsync(client, OutageSite.SearchUrl.Replace("k=5", "k=50", StringComparison.Ordinal), HttpStatusCode.OK, Patience);
        var uris = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("uri").GetString()!).ToList();
        Assert.NotEmpty(uris);
        Assert.DoesNotContain(uris, u => Enumerable.Range(0, 8).Any(i => u == $"seed/{i}.jpg"));
    }
}
