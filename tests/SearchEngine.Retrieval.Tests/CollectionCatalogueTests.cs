using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Collections;
using SearchEngine.Collections.Lexical;
using SearchEngine.Core;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Migrations;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;

namespace SearchEngine.Retrieval.Tests;

/// <summary>The catalogue the query path reads instead of PostgreSQL never disagrees with the index or with the database.</summary>
public sealed class CollectionCatalogueTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private const int Dimension = 8;
    private readonly string _folder = Directory.CreateTempSubdirectory("searchengine-catalogue-").FullName;
    private readonly Random _random = new(7);

    [Fact]
    public async Task Catch_up_keeps_the_catalogue_in_step_through_inserts_updates_and_deletes()
    {
        await using var data = await OpenAsync();
        var collection = await new CollectionStore(data).CreateOrGetAsync("sync", "pack", "f1", Dimension);
        var store = new DocumentStore(data);
        await store.WriteAsync(collection, [Document("a.jpg", "v1", "a black dog", 1), Document("b.jpg", "v1", "a red kite", 2)]);

        using var index = await Loader(data).OpenForQueriesAsync(collection);
        var catalogue = index.Catalogue!;
        await AssertMatchesDatabaseAsync(data, collection, index);
        Assert.Equal(2, catalogue.DocumentCount);

        // Insert: a new document with two segments becomes known with its text.
        var written = await store.WriteAsync(collection, [Document("c.mp4", "v1", "a brown horse", 2, Modality.Video)]);
        await index.CatchUpAsync();
        await AssertMatchesDatabaseAsync(data, collection, index);
        var horse = written.Documents[0].DocumentId;
        Assert.True(catalogue.TryGetDocument(horse, out var document));
        Assert.Equal(Modality.Video, document.Summary.Modality);
        Assert.True(Score(catalogue, "horses", horse) > 0);

        // Update: same document id, new segments, new caption; the old segments and the old words are gone.
        written = await store.WriteAsync(collection, [Document("c.mp4", "v2", "a white swan", 1, Modality.Video)]);
        await index.CatchUpAsync();
        await AssertMatchesDatabaseAsync(data, collection, index);
        Assert.Equal(horse, written.Documents[0].DocumentId);
        Assert.Equal(0, Score(catalogue, "horse", horse));
        Assert.True(Score(catalogue, "swan", horse) > 0);

        // Delete: the document and its segments leave the catalogue and the BM25 statistics.
        await store.DeleteAsync(collection.Id, ["a.jpg"]);
        await index.CatchUpAsync();
        await AssertMatchesDatabaseAsync(data, collection, index);
        Assert.Equal(2, catalogue.DocumentCount);
        Assert.Equal(2, catalogue.Lexical.DocumentCount);
        Span<int> terms = stackalloc int[LexicalIndex.MaxQueryTerms];
        Assert.True(catalogue.Lexical.QueryTerms("dog", terms) <= 1, "a word that was seen stays in the vocabulary, harmlessly");
    }

    [Fact]
    public async Task A_catalogue_loaded_after_an_older_index_file_converges_when_the_log_is_replayed()
    {
        await using var data = await OpenAsync();
        var collection = await new CollectionStore(data).CreateOrGetAsync("converge", "pack", "f1", Dimension);
        var store = new DocumentStore(data);
        await store.WriteAsync(collection, Enumerable.Range(0, 6).Select(i => Document($"{i}.jpg", "v1", $"picture number {i}", 1 + (i % 3))).ToList());
        using (var first = await Loader(data).OpenForQueriesAsync(collection))
        {
            first.Save();
        }

        // Changes after the saved file: the next open loads the file (older), the catalogue (newer) and replays the gap.
        await store.WriteAsync(collection, [Document("1.jpg", "v2", "a changed caption", 2), Document("new.jpg", "v1", "a new picture", 1)]);
        await store.DeleteAsync(collection.Id, ["2.jpg", "3.jpg"]);
        using var reopened = await Loader(data).OpenForQueriesAsync(collection);
        await AssertMatchesDatabaseAsync(data, collection, reopened);
        Assert.Equal(5, reopened.Catalogue!.DocumentCount);
        Assert.Equal(5, reopened.Catalogue.Lexical.DocumentCount);
    }

    [Fact]
    public async Task Changes_read_without_documents_are_refused_by_the_catalogue()
    {
        await using var data = await OpenAsync();
        var collection = await new CollectionStore(data).CreateOrGetAsync("refuse", "pack", "f1", Dimension);
        await new DocumentStore(data).WriteAsync(collection, [Document("a.jpg", "v1", "text", 1)]);
        var changes = await new SegmentStore(data).ReadChangesAsync(collection.Id, 0);
        var error = Assert.Throws<ArgumentException>(() => new CollectionCatalogue().Apply(changes.Changes));
        Assert.Contains("ReadChangesWithDocumentsAsync", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The catalogue holds exactly the database's live segments with their places, and the index the same ids.</summary>
    private static async Task AssertMatchesDatabaseAsync(NpgsqlDataSource data, CollectionInfo collection, CollectionIndex index)
    {
        var truth = await new SegmentStore(data).ReadCatalogueAsync(collection.Id);
        var catalogue = index.Catalogue!;
        Assert.Equal(truth.Segments.Count, catalogue.SegmentCount);
        Assert.Equal(truth.Segments.Count, index.Index.Count);
        foreach (var segment in truth.Segments)
        {
            Assert.True(catalogue.TryGetSegment(segment.SegmentId, out var location), $"segment {segment.SegmentId} is catalogued");
            Assert.Equal(segment, location);
            Assert.True(index.Index.Contains(segment.SegmentId), $"segment {segment.SegmentId} is indexed");
        }

        Assert.Equal(truth.Documents.Count, catalogue.DocumentCount);
        foreach (var document in truth.Documents)
        {
            Assert.True(catalogue.TryGetDocument(document.Id, out var held), $"document {document.Id} is catalogued");
            Assert.Equal(document, held.Summary);
        }
    }

    private static float Score(CollectionCatalogue catalogue, string query, long documentId)
    {
        Span<int> terms = stackalloc int[LexicalIndex.MaxQueryTerms];
        terms = terms[..catalogue.Lexical.QueryTerms(query, terms)];
        return catalogue.TryGetDocument(documentId, out var document) && document.Text is { } text ? catalogue.Lexical.Score(terms, text) : 0;
    }

    private async Task<NpgsqlDataSource> OpenAsync()
    {
        var data = NpgsqlDataSource.Create(database.ConnectionString);
        await new MigrationRunner(data).ApplyAsync();
        return data;
    }

    private CollectionIndexLoader Loader(NpgsqlDataSource data) =>
        new(new SegmentStore(data), new SearchEngine.Storage.Serving.ServingCopyStore(data), Options.Create(new CollectionIndexOptions { IndexFolder = _folder }));

    private DocumentWrite Document(string uri, string version, string caption, int segments, Modality modality = Modality.Image) =>
        new(uri, modality, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(uri + version))), 10,
            Enumerable.Range(0, segments).Select(i => new Segment(
                modality == Modality.Video ? SegmentKind.Frame : SegmentKind.Whole, modality == Modality.Video ? i : null, null, Vector())).ToList())
        {
            Caption = caption,
            Title = uri,
        };

    private float[] Vector() => Enumerable.Range(0, Dimension).Select(_ => (float)(_random.NextDouble() * 2 - 1)).ToArray();
}
