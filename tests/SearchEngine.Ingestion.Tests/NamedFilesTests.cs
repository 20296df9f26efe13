using System.Text.Json;
using SearchEngine.Collections;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Ingestion.Sources;
using SearchEngine.Storage.Jobs;
using SearchEngine.Testing;

namespace SearchEngine.Ingestion.Tests;

/// <summary>
/// Files named one by one (how the query API's uploads use the pipeline): indexed beside a running job, checked against
/// the media roots like a folder's files, and leaving the index file to the serving copy.
/// </summary>
public sealed class NamedFilesTests(PostgresDatabase database, PackFixture fixture) : IClassFixture<PostgresDatabase>, IClassFixture<PackFixture>
{
    [Fact]
    public async Task Named_files_are_indexed_while_a_job_holds_the_collection_and_no_index_file_or_job_row_is_made()
    {
        var outside = Directory.CreateTempSubdirectory("searchengine-named-outside-").FullName;
        try
        {
            await using var harness = await Harness.CreateAsync(database.ConnectionString, media: o => o.Roots.Add(fixture.Mixed.Root));
            var photo = fixture.Mixed.PathOf("photos/child.jpg");
            var stranger = Path.Combine(outside, "stranger.jpg");
            File.Copy(photo, stranger);
            // A first, ordinary job creates the collection; then another job's lock is held for the whole upload.
            await harness.IndexAsync(fixture.Pack, new IndexingRequest("named", [fixture.Mixed.PathOf("docs")]));
            var collection = await harness.CollectionAsync("named");
            var jobsBefore = await Rows.ScalarAsync(database.ConnectionString, "SELECT count(*) FROM jobs");
            var indexFile = harness.Get<CollectionIndexLoader>().FilePathOf(collection);
            var savedAt = File.GetLastWriteTimeUtc(indexFile);
            await using var otherJob = await harness.Get<JobStore>().LockCollectionAsync(collection);

            var metadata = JsonDocument.Parse("""{"album": "uploads"}""").RootElement;
            var summary = await harness.IndexAsync(fixture.Pack, new IndexingRequest("named", [])
            {
                Files = [new SourceFile(photo, Caption: "a child on the stairs", Title: "Stairs", Metadata: metadata), new SourceFile(stranger)],
                Exclusive = false,
                UpdateIndexFile = false,
            });

            var documents = await Rows.DocumentsAsync(database.ConnectionString, "named");
            var uploaded = documents.Single(d => d.Uri == photo);
            Assert.Equal("Stairs", uploaded.Title);
            Assert.Equal("a child on the stairs", uploaded.Caption);
            Assert.Contains("uploads", uploaded.Metadata, StringComparison.Ordinal);
            // The file outside the media roots is refused before it is opened, as a walked folder's would be.
            var refused = Assert.Single(summary.Failures);
            Assert.Equal(stranger, refused.Path);
            Assert.Equal(FailureStage.Read, refused.Stage);
            Assert.DoesNotContain(documents, d => d.Uri == stranger);
            // No job row and no index file: the serving copy in the same process follows the change log instead.
            Assert.Equal(jobsBefore, await Rows.ScalarAsync(database.ConnectionString, "SELECT count(*) FROM jobs"));
            Assert.Equal(savedAt, File.GetLastWriteTimeUtc(indexFile));
            var segments = await Rows.SegmentsAsync(database.ConnectionString, "named");
            using var index = await harness.OpenIndexAsync("named");
            Assert.All(segments, s => Assert.True(index.Index.Contains(s.Id), $"segment {s.Id} of {s.Uri} is not replayed from the change log"));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }
}
