using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Collections;
using SearchEngine.Storage.Housekeeping;
using SearchEngine.Testing;

namespace SearchEngine.Ingestion.Tests.Serving;

public sealed class ThumbnailCollectorTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Only_old_thumbnails_that_no_document_refers_to_are_deleted()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        await using var data = NpgsqlDataSource.Create(database.ConnectionString);
        await VectorCollection.CreateAsync(data, "thumbs", 2);
        var referenced = await Rows.ScalarAsync(database.ConnectionString, "SELECT count(DISTINCT content_sha256) FROM documents");
        Assert.Equal(2, referenced);
        var thumbnails = harness.Get<ThumbnailStore>();
        var kept = new List<string>();
        await using (var command = data.CreateCommand("SELECT content_sha256 FROM documents"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                kept.Add(reader.GetString(0));
            }
        }

        var orphan = new string('e', 64);
        var young = new string('f', 64);
        foreach (var sha in (string[])[.. kept, orphan, young])
        {
            await thumbnails.SaveAsync(sha, new byte[] { 0xFF, 0xD8, 0xFF });
        }

        var old = DateTime.UtcNow.AddDays(-2);
        foreach (var sha in (string[])[.. kept, orphan])
        {
            File.SetLastWriteTimeUtc(thumbnails.PathOf(sha), old);
        }

        var collector = new ThumbnailCollector(thumbnails, harness.Get<ContentReferences>(), Options.Create(new HousekeepingOptions { ThumbnailGrace = TimeSpan.FromHours(1) }));
        Assert.Equal(1, await collector.CollectAsync());

        Assert.False(thumbnails.Exists(orphan));
        Assert.True(thumbnails.Exists(young), "a thumbnail younger than the grace may belong to a batch not yet committed");
        Assert.All(kept, sha => Assert.True(thumbnails.Exists(sha)));
    }
}
