using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Media.Files;
using SearchEngine.Storage.Collections;
using SearchEngine.Testing;

namespace SearchEngine.Ingestion.Tests;

/// <summary>The pipeline end to end on real media, a real pack (tiny heads on the real backbones) and real PostgreSQL.</summary>
public sealed class IndexingJobTests(PostgresDatabase database, PackFixture fixture) : IClassFixture<PostgresDatabase>, IClassFixture<PackFixture>
{
    [Fact]
    public async Task Indexing_a_mixed_folder_gives_the_right_documents_segments_and_file_errors()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        var mixed = fixture.Mixed;

        var summary = await harness.IndexAsync(fixture.Pack, new IndexingRequest("mixed", [mixed.Root]));

        Assert.Equal(IndexingOutcome.Completed, summary.Outcome);
        var documents = await Rows.DocumentsAsync(database.ConnectionString, "mixed");
        Assert.Equal(mixed.Good.Keys.Order(StringComparer.Ordinal), documents.Select(d => d.Uri));
        Assert.Equal(mixed.Bad.Order(StringComparer.Ordinal), summary.Failures.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(mixed.Good.Count, summary.Indexed);
        Assert.Equal(mixed.Good.Count + mixed.Bad.Count, summary.Seen);
        foreach (var document in documents)
        {
            Assert.Equal(mixed.Good[document.Uri].ToName(), document.Modality);
        }

        // Sidecars: the .txt is a caption; the .json gives title, caption and metadata; sidecars are not documents.
        var child = documents.Single(d => d.Uri.EndsWith("child.jpg", StringComparison.Ordinal));
        Assert.Equal("A child in a pink dress climbing stairs", child.Caption);
        var dogs = documents.Single(d => d.Uri.EndsWith("dogs.jpg", StringComparison.Ordinal));
        Assert.Equal("Two dogs", dogs.Title);
        Assert.Equal("Two dogs play on the road", dogs.Caption);
        Assert.Contains("\"photographer\": \"ann\"", dogs.Metadata, StringComparison.Ordinal);

        var segments = await Rows.SegmentsAsync(database.ConnectionString, "mixed");
        string[] Kinds(string name) => segments.Where(s => s.Uri.EndsWith(name, StringComparison.Ordinal)).Select(s => s.Kind).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["caption", "whole"], Kinds("child.jpg"));
        Assert.Equal(["whole"], Kinds("pattern.jpeg"));
        Assert.Equal(["whole"], Kinds("sun.svg"));
        Assert.Equal(["audio_window"], Kinds("tone.wav"));
        Assert.Equal(["audio_window"], Kinds("bark.opus"));
        Assert.Equal(["audio_window", "frame"], Kinds("clip.mp4"));
        Assert.Equal(["whole"], Kinds("notes.txt"));
        Assert.Equal(["caption", "whole"], Kinds("talk.srt"));
        Assert.All(segments, s => Assert.Equal(TestPack.Dimension, s.Vector.Length));
        Assert.All(segments.Where(s => s.Kind == "audio_window"), s => Assert.True(s.Start >= 0 && s.End > s.Start, $"{s.Uri} window {s.Start}-{s.End}"));
        Assert.All(segments.Where(s => s.Kind == "frame"), s => Assert.NotNull(s.Start));
        var cues = segments.Where(s => s.Uri.EndsWith("talk.srt", StringComparison.Ordinal) && s.Kind == "caption").OrderBy(s => s.Start).ToList();
        Assert.Equal([1.0, 3.0], cues.Select(c => c.Start!.Value));

        // Every committed segment is in the index, and the index file was saved at the job's end.
        using (var index = await harness.OpenIndexAsync("mixed"))
        {
            Assert.Equal(segments.Count, index.Index.Count);
            Assert.All(segments, s => Assert.True(index.Index.Contains(s.Id)));
            Assert.True(File.Exists(index.FilePath));
        }

        // Per-file errors are stored with the stage and a reason, and listed in the summary.
        var errors = await Rows.FileErrorsAsync(database.ConnectionString, "mixed");
        Assert.Equal(mixed.Bad.Order(StringComparer.Ordinal), errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Contains(errors, e => e.Path.EndsWith("empty.wav", StringComparison.Ordinal) && e.Reason.Contains("empty", StringComparison.Ordinal));
        Assert.Equal(mixed.Bad.Order(StringComparer.Ordinal), summary.Failures.Select(f => f.Path).Order(StringComparer.Ordinal));

        // Thumbnails are stored for images and videos, addressed by content.
        var thumbnails = harness.Get<SearchEngine.Collections.ThumbnailStore>();
        var shas = await Rows.DocumentsAsync(database.ConnectionString, "mixed");
        Assert.All(shas.Where(d => d.Modality is "image" or "video"), d => Assert.True(thumbnails.Exists(d.Sha256), $"no thumbnail for {d.Uri}"));
    }

    [Fact]
    public async Task A_second_run_skips_everything_and_changes_nothing()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        var request = new IndexingRequest("twice", [fixture.Mixed.Root]);
        await harness.IndexAsync(fixture.Pack, request);
        var before = await Rows.SegmentsAsync(database.ConnectionString, "twice");

        var second = await harness.IndexAsync(fixture.Pack, request);

        Assert.Equal(0, second.Indexed);
        Assert.Equal(fixture.Mixed.Good.Count, second.Skipped);
        var after = await Rows.SegmentsAsync(database.ConnectionString, "twice");
        Assert.Equal(before.Select(s => s.Id), after.Select(s => s.Id));
    }

    [Fact]
    public async Task A_changed_file_is_reindexed_and_delete_missing_removes_files_that_are_gone()
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-ingest-change-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.txt"), "the first version of a note");
            File.WriteAllText(Path.Combine(folder, "b.txt"), "another note about boats");
            File.Copy(MediaFiles.Flickr(MediaFiles.FlickrImages[3]), Path.Combine(folder, "photo.jpg"));
            await using var harness = await Harness.CreateAsync(database.ConnectionString);
            var request = new IndexingRequest("changes", [folder]);
            await harness.IndexAsync(fixture.Pack, request);
            var before = await Rows.SegmentsAsync(database.ConnectionString, "changes");
            var oldA = before.Single(s => s.Uri.EndsWith("a.txt", StringComparison.Ordinal)).Id;

            File.WriteAllText(Path.Combine(folder, "a.txt"), "the second version, rewritten");
            File.Delete(Path.Combine(folder, "b.txt"));
            var summary = await harness.IndexAsync(fixture.Pack, request with { DeleteMissing = true });

            Assert.Equal(1, summary.Indexed);
            Assert.Equal(1, summary.Skipped);
            Assert.Equal(1, summary.Deleted);
            var after = await Rows.SegmentsAsync(database.ConnectionString, "changes");
            Assert.Equal(["a.txt", "photo.jpg"], after.Select(s => Path.GetFileName(s.Uri)).Distinct());
            var newA = after.Single(s => s.Uri.EndsWith("a.txt", StringComparison.Ordinal)).Id;
            Assert.NotEqual(oldA, newA);
            using var index = await harness.OpenIndexAsync("changes");
            Assert.False(index.Index.Contains(oldA));
            Assert.True(index.Index.Contains(newA));
            Assert.Equal(after.Count, index.Index.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_file_touched_without_changing_its_bytes_is_not_reindexed_but_its_modification_time_is_recorded_again()
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-ingest-touch-").FullName;
        try
        {
            var photo = Path.Combine(folder, "photo.jpg");
            File.Copy(MediaFiles.Flickr(MediaFiles.FlickrImages[2]), photo);
            File.WriteAllText(Path.Combine(folder, "note.txt"), "a note that is never touched");
            await using var harness = await Harness.CreateAsync(database.ConnectionString);
            var request = new IndexingRequest("touched", [folder]);
            await harness.IndexAsync(fixture.Pack, request);
            var segmentsBefore = await Rows.SegmentsAsync(database.ConnectionString, "touched");

            // A restore from backup: the same bytes with a new modification time.
            File.SetLastWriteTimeUtc(photo, DateTime.UtcNow.AddHours(-3));
            var second = await harness.IndexAsync(fixture.Pack, request);

            Assert.Equal(0, second.Indexed);
            Assert.Equal(2, second.Skipped);
            Assert.Equal(segmentsBefore.Select(s => s.Id), (await Rows.SegmentsAsync(database.ConnectionString, "touched")).Select(s => s.Id));
            var recorded = await Rows.ScalarAsync(database.ConnectionString,
                "SELECT (extract(epoch FROM file_modified_at) * 1000000)::bigint FROM documents WHERE uri LIKE '%photo.jpg'");
            Assert.Equal((FileFacts.Of(photo).ModifiedAt - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond, recorded);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_dry_run_writes_nothing()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);

        var summary = await harness.IndexAsync(fixture.Pack, new IndexingRequest("dry", [fixture.Mixed.Root]) { DryRun = true });

        Assert.True(summary.DryRun);
        Assert.Equal(fixture.Mixed.Good.Count + fixture.Mixed.Bad.Count, summary.Indexed + summary.Failures.Count);
        Assert.Equal(0, await Rows.ScalarAsync(database.ConnectionString, "SELECT count(*) FROM collections WHERE name = 'dry'"));
    }

    [Fact]
    public async Task Another_pack_is_refused_with_a_pack_mismatch()
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-ingest-mismatch-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.txt"), "a note");
            await using var harness = await Harness.CreateAsync(database.ConnectionString);
            await harness.IndexAsync(fixture.Pack, new IndexingRequest("bound", [folder]));
            using var otherFiles = new TestPack(seed: 99, id: "offline-other");
            using var other = otherFiles.Load();

            var error = await Assert.ThrowsAsync<PackMismatchException>(() => harness.IndexAsync(other, new IndexingRequest("bound", [folder])));

            Assert.Contains("offline-test", error.Message, StringComparison.Ordinal);
            Assert.Contains("offline-other", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task With_rebuild_on_pack_change_a_collection_of_another_pack_is_rebuilt()
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-ingest-rebuild-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.txt"), "a note about a dog");
            File.WriteAllText(Path.Combine(folder, "b.txt"), "a note about a cat");
            await using var harness = await Harness.CreateAsync(database.ConnectionString);
            await harness.IndexAsync(fixture.Pack, new IndexingRequest("rebuilt", [folder]));
            var before = await harness.CollectionAsync("rebuilt");
            var oldIndexFile = harness.Get<CollectionIndexLoader>().FilePathOf(before);
            Assert.True(File.Exists(oldIndexFile));
            using var otherFiles = new TestPack(seed: 98, id: "offline-retrained");
            using var other = otherFiles.Load();

            var summary = await harness.IndexAsync(other, new IndexingRequest("rebuilt", [folder]) { RebuildOnPackChange = true });

            var after = await harness.CollectionAsync("rebuilt");
            Assert.Equal("offline-retrained", after.PackId);
            Assert.NotEqual(before.Id, after.Id);
            Assert.Equal(2, summary.Indexed); // everything again, none skipped as unchanged
            Assert.False(File.Exists(oldIndexFile));
            Assert.Null(await harness.Get<CollectionStore>().GetAsync(before.Id));
            using var index = await harness.OpenIndexAsync("rebuilt");
            Assert.Equal(2, index.Index.Count);

            // Same pack again: nothing is dropped, everything is skipped as unchanged.
            var again = await harness.IndexAsync(other, new IndexingRequest("rebuilt", [folder]) { RebuildOnPackChange = true });
            Assert.Equal(after.Id, (await harness.CollectionAsync("rebuilt")).Id);
            Assert.Equal(2, again.Skipped);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
