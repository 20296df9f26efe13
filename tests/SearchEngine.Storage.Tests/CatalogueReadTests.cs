using SearchEngine.Core;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

/// <summary>The reads behind the query path's in-memory catalogue: a consistent snapshot, and the log with locations and documents.</summary>
public sealed class CatalogueReadTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Dimension = 4;

    [Fact]
    public async Task The_catalogue_snapshot_holds_every_live_segment_and_every_document_with_segments_at_its_sequence()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "catalogue", Dimension);
        var other = await TestStorage.CollectionAsync(dataSource, "catalogue-other", Dimension);
        var store = new DocumentStore(dataSource);
        var random = new Random(3);
        await store.WriteAsync(collection, [
            TestStorage.Document("a.jpg", "a", TestStorage.Whole(random, Dimension)) with { Title = "A", Caption = "a cat" },
            TestStorage.Document("b.jpg", "b", TestStorage.Whole(random, Dimension), TestStorage.Whole(random, Dimension)),
            TestStorage.Document("empty.jpg", "e"),
        ]);
        await store.WriteAsync(other, [TestStorage.Document("x.jpg", "x", TestStorage.Whole(random, Dimension))]);

        var snapshot = await new SegmentStore(dataSource).ReadCatalogueAsync(collection.Id);

        Assert.Equal(await new SegmentStore(dataSource).GetLastSequenceAsync(collection.Id), snapshot.LastSequence);
        Assert.Equal((await TestStorage.LiveSegmentsAsync(dataSource, collection.Id)).Keys.Order(), snapshot.Segments.Select(s => s.SegmentId));
        Assert.Equal(["a.jpg", "b.jpg"], (await new DocumentStore(dataSource).GetManyAsync(snapshot.Documents.Select(d => d.Id).ToArray())).Values.Select(d => d.Uri).Order());
        var a = Assert.Single(snapshot.Documents, d => d.Title == "A");
        Assert.Equal(new DocumentSummary(a.Id, Modality.Image, "A", "a cat"), a);
        Assert.All(snapshot.Segments, s => Assert.Equal(SegmentKind.Whole, s.Kind));
    }

    [Fact]
    public async Task Changes_read_with_documents_carry_each_inserts_location_and_document()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "with-documents", Dimension);
        var store = new DocumentStore(dataSource);
        var random = new Random(4);
        var written = await store.WriteAsync(collection, [
            new DocumentWrite("clip.wav", Modality.Audio, TestStorage.Sha("clip"), 5, [
                new Segment(SegmentKind.AudioWindow, 0, 10, TestStorage.Vector(random, Dimension)),
                new Segment(SegmentKind.AudioWindow, 5, 15, TestStorage.Vector(random, Dimension))]) { Caption = "rain on a roof" },
        ]);
        await store.DeleteAsync(collection.Id, ["clip.wav"]);
        var segments = new SegmentStore(dataSource);

        var changes = (await segments.ReadChangesWithDocumentsAsync(collection.Id, 0)).Changes;
        var plain = (await segments.ReadChangesAsync(collection.Id, 0)).Changes;

        // The inserts were deleted later in the log, so only the deletes are left, with nothing attached.
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.True(c.Kind == SegmentChangeKind.Delete && c.Location is null && c.Document is null));
        Assert.Equal(plain.Select(c => (c.Sequence, c.SegmentId, c.Kind)), changes.Select(c => (c.Sequence, c.SegmentId, c.Kind)));

        written = await store.WriteAsync(collection, [
            new DocumentWrite("clip.wav", Modality.Audio, TestStorage.Sha("clip2"), 5, [new Segment(SegmentKind.AudioWindow, 2.5, 12.5, TestStorage.Vector(random, Dimension))]) { Caption = "rain" },
        ]);
        var insert = Assert.Single((await segments.ReadChangesWithDocumentsAsync(collection.Id, changes[^1].Sequence)).Changes);
        var documentId = written.Documents[0].DocumentId;
        Assert.Equal(new SegmentLocation(written.Documents[0].SegmentIds[0], documentId, SegmentKind.AudioWindow, 2.5, 12.5), insert.Location);
        Assert.Equal(new DocumentSummary(documentId, Modality.Audio, null, "rain"), insert.Document);
        Assert.NotNull(insert.Vector);
    }
}
