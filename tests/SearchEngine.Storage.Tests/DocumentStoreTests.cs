using System.Text.Json;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class DocumentStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Dimension = 16;

    [Fact]
    public async Task Documents_with_segments_read_back_exactly_with_bit_exact_vectors()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "roundtrip", Dimension);
        var random = new Random(1);
        // Values that a lossy encoding would mangle: negative zero, subnormals, extremes.
        var tricky = TestStorage.Vector(random, Dimension);
        tricky[0] = -0f;
        tricky[1] = float.Epsilon;
        tricky[2] = float.MaxValue;
        tricky[3] = -float.MinValue / 3;
        tricky[4] = 1.17549421E-38f;
        var video = new DocumentWrite("videos/clip.mp4", Modality.Video, TestStorage.Sha("clip"), 12345,
        [
            new Segment(SegmentKind.Frame, 0.0, null, tricky),
            new Segment(SegmentKind.Frame, 2.5, null, TestStorage.Vector(random, Dimension)),
            new Segment(SegmentKind.AudioWindow, 0.0, 5.0, TestStorage.Vector(random, Dimension)),
        ])
        {
            Width = 640,
            Height = 360,
            DurationSeconds = 7.25,
            Title = "Harbour at dusk",
            Caption = "boats come home",
            Metadata = JsonDocument.Parse("""{"camera":"x100","tags":["sea"],"exif":{"iso":400}}""").RootElement,
        };

        var result = await new DocumentStore(dataSource).WriteAsync(collection, [video]);

        var written = Assert.Single(result.Documents);
        Assert.Equal(3, written.SegmentIds.Count);
        Assert.Empty(result.RemovedSegmentIds);

        var stored = await new DocumentStore(dataSource).GetAsync(written.DocumentId);
        Assert.NotNull(stored);
        Assert.Equal(("videos/clip.mp4", Modality.Video, TestStorage.Sha("clip"), 12345L), (stored.Uri, stored.Modality, stored.ContentSha256, stored.SizeBytes));
        Assert.Equal((640, 360, 7.25), (stored.Width!.Value, stored.Height!.Value, stored.DurationSeconds!.Value));
        Assert.Equal(("Harbour at dusk", "boats come home", "indexed"), (stored.Title, stored.Caption, stored.Status));
        Assert.Equal("x100", stored.Metadata.GetProperty("camera").GetString());
        Assert.Equal(400, stored.Metadata.GetProperty("exif").GetProperty("iso").GetInt32());
        Assert.Equal(collection.Id, stored.CollectionId);

        var vectors = await new SegmentStore(dataSource).ReadVectorsAsync(written.SegmentIds.ToArray());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(
                video.Segments[i].Vector.Select(BitConverter.SingleToInt32Bits),
                vectors[written.SegmentIds[i]].Select(BitConverter.SingleToInt32Bits));
        }

        var locations = await new DocumentStore(dataSource).GetSegmentLocationsAsync(written.SegmentIds.ToArray());
        Assert.Equal(new SegmentLocation(written.SegmentIds[1], written.DocumentId, SegmentKind.Frame, 2.5, null), locations[written.SegmentIds[1]]);
        Assert.Equal(new SegmentLocation(written.SegmentIds[2], written.DocumentId, SegmentKind.AudioWindow, 0.0, 5.0), locations[written.SegmentIds[2]]);
    }

    [Fact]
    public async Task Unchanged_files_are_skipped_and_a_changed_file_replaces_its_segments()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "incremental", Dimension);
        var store = new DocumentStore(dataSource);
        var random = new Random(2);
        var first = await store.WriteAsync(collection,
        [
            TestStorage.Document("a.jpg", "a-v1", TestStorage.Whole(random, Dimension)),
            TestStorage.Document("b.jpg", "b-v1", TestStorage.Whole(random, Dimension), TestStorage.Whole(random, Dimension)),
        ]);

        var states = await store.CheckFilesAsync(collection.Id, [("a.jpg", TestStorage.Sha("a-v1")), ("b.jpg", TestStorage.Sha("b-v2")), ("c.jpg", TestStorage.Sha("c"))]);
        Assert.Equal(FileState.Unchanged, states["a.jpg"]);
        Assert.Equal(FileState.Changed, states["b.jpg"]);
        Assert.Equal(FileState.New, states["c.jpg"]);
        Assert.Equal(FileState.Unchanged, await store.CheckFileAsync(collection.Id, "a.jpg", TestStorage.Sha("a-v1").ToUpperInvariant()));

        var replacement = TestStorage.Whole(random, Dimension);
        var second = await store.WriteAsync(collection, [TestStorage.Document("b.jpg", "b-v2", replacement)]);

        var oldB = first.Documents[1];
        var newB = Assert.Single(second.Documents);
        Assert.Equal(oldB.DocumentId, newB.DocumentId);
        Assert.Equal(oldB.SegmentIds.Order(), second.RemovedSegmentIds.Order());
        var live = await TestStorage.LiveSegmentsAsync(dataSource, collection.Id);
        Assert.Equal(first.Documents[0].SegmentIds.Concat(newB.SegmentIds).Order(), live.Keys.Order());
        Assert.Equal(replacement.Vector, live[newB.SegmentIds[0]]);
        Assert.Equal(TestStorage.Sha("b-v2"), (await store.GetAsync(newB.DocumentId))!.ContentSha256);
        Assert.Equal(FileState.Unchanged, await store.CheckFileAsync(collection.Id, "b.jpg", TestStorage.Sha("b-v2")));
    }

    [Fact]
    public async Task Delete_missing_removes_documents_whose_files_are_gone_and_their_segments()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "delete-missing", Dimension);
        var store = new DocumentStore(dataSource);
        var random = new Random(3);
        var written = await store.WriteAsync(collection,
            new[] { "keep1.jpg", "gone1.jpg", "keep2.jpg", "gone2.jpg" }.Select(uri => TestStorage.Document(uri, uri, TestStorage.Whole(random, Dimension))).ToList());

        var deletion = await store.DeleteMissingAsync(collection.Id, new HashSet<string> { "keep1.jpg", "keep2.jpg", "never-indexed.jpg" });

        Assert.Equal(2, deletion.DocumentsDeleted);
        Assert.Equal(written.Documents.Where(d => d.Uri.StartsWith("gone", StringComparison.Ordinal)).SelectMany(d => d.SegmentIds).Order(), deletion.RemovedSegmentIds.Order());
        var uris = new List<string>();
        await foreach (var uri in store.ListUrisAsync(collection.Id))
        {
            uris.Add(uri);
        }

        Assert.Equal(["keep1.jpg", "keep2.jpg"], uris.Order());
        Assert.Equal(2, await new SegmentStore(dataSource).CountAsync(collection.Id));
        Assert.Null(await store.GetAsync(written.Documents[1].DocumentId));
    }

    [Fact]
    public async Task Bad_documents_are_refused_with_a_message_naming_the_document()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "validation", Dimension);
        var store = new DocumentStore(dataSource);
        var random = new Random(4);

        var wrongDimension = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(collection,
            [TestStorage.Document("short.jpg", "x", new Segment(SegmentKind.Whole, null, null, new float[Dimension - 1]))]));
        Assert.Contains("short.jpg", wrongDimension.Message, StringComparison.Ordinal);
        Assert.Contains($"{Dimension}-d", wrongDimension.Message, StringComparison.Ordinal);

        var nan = TestStorage.Vector(random, Dimension);
        nan[5] = float.NaN;
        var notFinite = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(collection,
            [TestStorage.Document("nan.jpg", "x", new Segment(SegmentKind.Whole, null, null, nan))]));
        Assert.Contains("NaN", notFinite.Message, StringComparison.Ordinal);

        var twice = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(collection,
            [TestStorage.Document("dup.jpg", "1", TestStorage.Whole(random, Dimension)), TestStorage.Document("dup.jpg", "2", TestStorage.Whole(random, Dimension))]));
        Assert.Contains("dup.jpg", twice.Message, StringComparison.Ordinal);

        var badHash = await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(collection,
            [new DocumentWrite("hash.jpg", Modality.Image, "not-a-hash", 1, [TestStorage.Whole(random, Dimension)])]));
        Assert.Contains("sha256", badHash.Message, StringComparison.Ordinal);

        Assert.Equal(0, await new SegmentStore(dataSource).CountAsync(collection.Id));
    }

    [Fact]
    public async Task The_database_itself_refuses_wrong_lengths_orphans_rebinding_and_in_place_segment_updates()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "constraints", Dimension);
        var written = await new DocumentStore(dataSource).WriteAsync(collection, [TestStorage.Document("c.jpg", "c", TestStorage.Whole(new Random(5), Dimension))]);
        await using var connection = await dataSource.OpenConnectionAsync();

        await using var insert = new NpgsqlCommand(
            "INSERT INTO segments (document_id, collection_id, kind, vector) VALUES ($1, $2, 'whole', '\\x00000000')", connection);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = written.Documents[0].DocumentId });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collection.Id });
        var tooShort = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.CheckViolation, tooShort.SqlState);
        Assert.Contains($"holds {Dimension}-d vectors", tooShort.MessageText, StringComparison.Ordinal);

        await using var orphan = new NpgsqlCommand(
            "INSERT INTO segments (document_id, collection_id, kind, vector) VALUES ($1, $2, 'whole', '\\x00000000')", connection);
        orphan.Parameters.Add(new NpgsqlParameter<long> { TypedValue = written.Documents[0].DocumentId + 1000 });
        orphan.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collection.Id });
        var noDocument = await Assert.ThrowsAsync<PostgresException>(() => orphan.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, noDocument.SqlState);

        await using var rebind = new NpgsqlCommand("UPDATE collections SET dimension = 32", connection);
        var rebound = await Assert.ThrowsAsync<PostgresException>(() => rebind.ExecuteNonQueryAsync());
        Assert.Contains("bound to pack", rebound.MessageText, StringComparison.Ordinal);

        await using var update = new NpgsqlCommand("UPDATE segments SET start_s = 1", connection);
        var immutable = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("immutable", immutable.MessageText, StringComparison.Ordinal);

        // A document deleted by hand still takes its segments along, and the change log hears of it.
        var segmentId = written.Documents[0].SegmentIds[0];
        await using var delete = new NpgsqlCommand($"DELETE FROM documents WHERE id = {written.Documents[0].DocumentId}", connection);
        await delete.ExecuteNonQueryAsync();
        Assert.Equal(0, await new SegmentStore(dataSource).CountAsync(collection.Id));
        var changes = await new SegmentStore(dataSource).ReadChangesAsync(collection.Id, 0);
        Assert.Equal(SegmentChangeKind.Delete, changes.Changes[^1].Kind);
        Assert.Equal(segmentId, changes.Changes[^1].SegmentId);
    }
}
