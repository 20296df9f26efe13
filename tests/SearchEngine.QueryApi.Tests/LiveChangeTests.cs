using System.Net;
using System.Text.Json;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;

namespace SearchEngine.QueryApi.Tests;

/// <summary>
/// The running service follows PostgreSQL: documents committed after it started become searchable (index and catalogue
/// catch up together) and leave again when deleted, a dropped collection stops being served, and a changed shard count
/// reaches the served collection (which decides whether its vector stage fans out to the shards).
/// </summary>
public sealed class LiveChangeTests(SearchSite site) : IClassFixture<SearchSite>
{
    private const string C = SearchSite.Collection;
    private const string Query = "a dog running on the grass";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_document_written_after_start_is_found_with_its_caption_and_gone_once_deleted()
    {
        await using var data = NpgsqlDataSource.Create(site.ConnectionString);
        var collection = (await new CollectionStore(data).GetByNameAsync(C))!;
        var top = (await site.Client.GetJsonAsync($"/api/search?collection={C}&q={Query}&k=1")).GetProperty("results")[0].GetProperty("id").GetInt64();
        var vector = (await new SegmentStore(data).ReadDocumentVectorsAsync(top))[0];

        // A twin of the best match, whose caption says what the query says: catch-up must place it and know its words.
        var store = new DocumentStore(data);
        await store.WriteAsync(collection, [new DocumentWrite("late/twin.jpg", Modality.Image, new string('a', 64), 1, [new Segment(SegmentKind.Whole, null, null, vector)]) { Caption = Query }]);
        var found = await EventuallyAsync(async () =>
        {
            var results = (await site.Client.GetJsonAsync($"/api/search?collection={C}&q={Query}&k=3")).GetProperty("results");
            return results.EnumerateArray().FirstOrDefault(r => r.GetProperty("uri").GetString() == "late/twin.jpg") is { ValueKind: JsonValueKind.Object } hit ? hit : (JsonElement?)null;
        });
        Assert.Equal(Query, found.GetProperty("caption").GetString());

        await store.DeleteAsync(collection.Id, ["late/twin.jpg"]);
        await EventuallyAsync(async () =>
        {
            var results = (await site.Client.GetJsonAsync($"/api/search?collection={C}&q={Query}&k=10")).GetProperty("results");
            return results.EnumerateArray().Any(r => r.GetProperty("uri").GetString() == "late/twin.jpg") ? null : (JsonElement?)results;
        });
    }

    [Fact]
    public async Task A_collection_dropped_while_served_is_404_after_the_next_catch_up()
    {
        await using var data = NpgsqlDataSource.Create(site.ConnectionString);
        var collections = new CollectionStore(data);
        var sample = (await collections.GetByNameAsync(C))!;
        await collections.CreateOrGetAsync("short-lived", sample.PackId, sample.PackFingerprint, sample.Dimension);
        var served = await site.Client.GetJsonAsync("/api/search?collection=short-lived&q=dog");
        Assert.Empty(served.GetProperty("results").EnumerateArray());

        await using (var command = data.CreateCommand("DELETE FROM collections WHERE name = 'short-lived'"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var problem = await EventuallyAsync(async () =>
        {
            using var response = await site.Client.GetAsync(new Uri("/api/search?collection=short-lived&q=dog", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.NotFound ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : (JsonElement?)null;
        });
        Assert.Contains("short-lived", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_count_changed_while_serving_reaches_the_served_collection()
    {
        await using var data = NpgsqlDataSource.Create(site.ConnectionString);
        var collections = new CollectionStore(data);
        var collection = (await collections.GetByNameAsync(C))!;
        _ = await site.Client.GetJsonAsync($"/api/search?collection={C}&q={Query}&k=1");
        Assert.Equal(collection.ShardCount, await ServedShardCountAsync());
        try
        {
            await collections.SetShardCountAsync(collection.Id, 2);
            await EventuallyAsync(async () =>
            {
                // A query opens the collection again once catch-up has noticed the change and forgotten the old record.
                _ = await site.Client.GetJsonAsync($"/api/search?collection={C}&q={Query}&k=1");
                return await ServedShardCountAsync() == 2 ? default(JsonElement) : null;
            });
        }
        finally
        {
            // The other tests of this class share the collection: a single node serves it whole either way, but as it was.
            await collections.SetShardCountAsync(collection.Id, collection.ShardCount);
        }
    }

    /// <summary>The shard count of the collection as this single node serves it (GET /api/cluster lists its opened collections).</summary>
    private async Task<int?> ServedShardCountAsync() =>
        (await site.Client.GetJsonAsync("/api/cluster")).GetProperty("collections").EnumerateArray()
            .Where(c => c.GetProperty("name").GetString() == C).Select(c => (int?)c.GetProperty("shard_count").GetInt32()).SingleOrDefault();

    /// <summary>Polls until <paramref name="probe"/> gives a value (catch-up runs every 2 s), failing after <see cref="Patience"/>.</summary>
    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> probe)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the service did not catch up within {Patience.TotalSeconds} s");
            await Task.Delay(250);
        }
    }
}
