using System.Text.Json;
using SearchEngine.Core;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

/// <summary>
/// Edits and deletions of single documents: an edit re-logs the document's segments (same vectors, new ids, each insert
/// carrying the new text) so serving copies follow it, a new caption replaces only the untimed caption segment, and a
/// refused edit changes nothing.
/// </summary>
public sealed class DocumentEditTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Dimension = 4;

    [Fact]
    public async Task An_edit_relogs_the_segments_with_the_new_text_and_replaces_only_the_untimed_caption()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "edit-relog", Dimension);
        var documents = new DocumentStore(dataSource);
        var segments = new SegmentStore(dataSource);
        var random = new Random(1);
        var whole = TestStorage.Whole(random, Dimension);
        var cue = new Segment(SegmentKind.Caption, 1, 2, TestStorage.Vector(random, Dimension));
        var caption = new Segment(SegmentKind.Caption, null, null, TestStorage.Vector(random, Dimension));
        var written = await documents.WriteAsync(collection, [TestStorage.Document("edit/a.mp4", "a", whole, cue, caption) with { Caption = "old caption" }]);
        var id = written.Documents[0].DocumentId;
        var before = await segments.GetLastSequenceAsync(collection.Id);

        var newCaption = TestStorage.Vector(random, Dimension);
        var updated = await documents.UpdateAsync(id, new DocumentUpdate { ChangesTitle = true, Title = "New title", ChangesCaption = true, Caption = "new caption", CaptionVector = newCaption });

        Assert.Equal("New title", updated!.Title);
        Assert.Equal("new caption", updated.Caption);
        var changes = (await segments.ReadChangesWithDocumentsAsync(collection.Id, before)).Changes;
        var inserts = changes.Where(c => c.Kind == SegmentChangeKind.Insert).ToList();
        Assert.Equal(3, inserts.Count);
        Assert.All(inserts, c => Assert.Equal(new DocumentSummary(id, Modality.Image, "New title", "new caption"), c.Document));
        Assert.Equal(written.Documents[0].SegmentIds.Order(), changes.Where(c => c.Kind == SegmentChangeKind.Delete).Select(c => c.SegmentId).Order());

        var live = await TestStorage.LiveSegmentsAsync(dataSource, collection.Id);
        Assert.Equal(3, live.Count);
        Assert.DoesNotContain(live.Keys, written.Documents[0].SegmentIds.Contains);
        Assert.Contains(live.Values, v => v.SequenceEqual(whole.Vector));
        Assert.Contains(live.Values, v => v.SequenceEqual(cue.Vector));
        Assert.Contains(live.Values, v => v.SequenceEqual(newCaption));
        Assert.DoesNotContain(live.Values, v => v.SequenceEqual(caption.Vector));
    }

    [Fact]
    public async Task Clearing_the_caption_keeps_the_timed_cues_and_metadata_edits_move_the_log()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "edit-clear", Dimension);
        var documents = new DocumentStore(dataSource);
        var segments = new SegmentStore(dataSource);
        var random = new Random(2);
        var cue = new Segment(SegmentKind.Caption, 1, 2, TestStorage.Vector(random, Dimension));
        var written = await documents.WriteAsync(collection, [TestStorage.Document("edit/b.mp4", "b", TestStorage.Whole(random, Dimension), cue,
            new Segment(SegmentKind.Caption, null, null, TestStorage.Vector(random, Dimension))) with { Title = "kept", Caption = "gone" }]);
        var id = written.Documents[0].DocumentId;

        var cleared = await documents.UpdateAsync(id, new DocumentUpdate { ChangesCaption = true, Caption = null });
        Assert.Null(cleared!.Caption);
        Assert.Equal("kept", cleared.Title);
        var live = await TestStorage.LiveSegmentsAsync(dataSource, collection.Id);
        Assert.Equal(2, live.Count);
        Assert.Contains(live.Values, v => v.SequenceEqual(cue.Vector));

        var sequence = await segments.GetLastSequenceAsync(collection.Id);
        using var metadata = JsonDocument.Parse("{\"camera\":\"x100\"}");
        var tagged = await documents.UpdateAsync(id, new DocumentUpdate { ChangesMetadata = true, Metadata = metadata.RootElement });
        Assert.Equal("x100", tagged!.Metadata.GetProperty("camera").GetString());
        Assert.True(await segments.GetLastSequenceAsync(collection.Id) > sequence);

        var untagged = await documents.UpdateAsync(id, new DocumentUpdate { ChangesMetadata = true, Metadata = null });
        Assert.Empty(untagged!.Metadata.EnumerateObject());
        Assert.Equal("kept", untagged.Title);
    }

    [Fact]
    public async Task A_refused_edit_changes_nothing_and_unknown_ids_are_null()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "edit-refused", Dimension);
        var documents = new DocumentStore(dataSource);
        var written = await documents.WriteAsync(collection, [TestStorage.Document("edit/c.jpg", "c", TestStorage.Whole(new Random(3), Dimension)) with { Title = "before" }]);
        var id = written.Documents[0].DocumentId;
        var sequence = await new SegmentStore(dataSource).GetLastSequenceAsync(collection.Id);

        await Assert.ThrowsAsync<ArgumentException>(() => documents.UpdateAsync(id, new DocumentUpdate
        {
            ChangesTitle = true, Title = "after", ChangesCaption = true, Caption = "c", CaptionVector = new float[Dimension + 1],
        }));

        Assert.Equal("before", (await documents.GetAsync(id))!.Title);
        Assert.Equal(sequence, await new SegmentStore(dataSource).GetLastSequenceAsync(collection.Id));
        Assert.Null(await documents.UpdateAsync(long.MaxValue, new DocumentUpdate { ChangesTitle = true, Title = "x" }));
        Assert.Null(await documents.DeleteByIdAsync(long.MaxValue));
    }

    [Fact]
    public async Task Deleting_by_id_removes_the_document_and_logs_its_segments_deleted()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "edit-delete", Dimension);
        var documents = new DocumentStore(dataSource);
        var random = new Random(4);
        var written = await documents.WriteAsync(collection, [
            TestStorage.Document("edit/d.jpg", "d", TestStorage.Whole(random, Dimension)),
            TestStorage.Document("edit/e.jpg", "e", TestStorage.Whole(random, Dimension)),
        ]);
        var before = await new SegmentStore(dataSource).GetLastSequenceAsync(collection.Id);

        var deletion = await documents.DeleteByIdAsync(written.Documents[0].DocumentId);

        Assert.Equal(written.Documents[0].SegmentIds, deletion!.RemovedSegmentIds);
        Assert.Null(await documents.GetAsync(written.Documents[0].DocumentId));
        Assert.NotNull(await documents.GetAsync(written.Documents[1].DocumentId));
        var changes = (await new SegmentStore(dataSource).ReadChangesAsync(collection.Id, before)).Changes;
        Assert.Equal(written.Documents[0].SegmentIds, changes.Where(c => c.Kind == SegmentChangeKind.Delete).Select(c => c.SegmentId));
    }

    [Fact]
    public async Task Create_says_when_the_name_is_taken_and_names_follow_the_rule()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collections = new CollectionStore(dataSource);
        var created = await collections.CreateAsync("edit-create", TestStorage.Pack, TestStorage.Fingerprint, Dimension);
        Assert.Equal("edit-create", created!.Name);
        Assert.Equal(Dimension, created.Dimension);
        Assert.Null(await collections.CreateAsync("edit-create", "other-pack", TestStorage.Fingerprint, 8));
        Assert.Equal(TestStorage.Pack, (await collections.GetByNameAsync("edit-create"))!.PackId);

        Assert.True(CollectionNames.IsValid("photos_2024-b"));
        Assert.True(CollectionNames.IsValid(new string('a', 64)));
        Assert.False(CollectionNames.IsValid(new string('a', 65)));
        Assert.False(CollectionNames.IsValid("_x"));
        Assert.False(CollectionNames.IsValid("Photos"));
        Assert.False(CollectionNames.IsValid("a/b"));
        Assert.False(CollectionNames.IsValid(null));
    }
}
