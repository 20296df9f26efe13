using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Collections;
using SearchEngine.Collections.Lexical;
using SearchEngine.Core;
using SearchEngine.Retrieval.Filtering;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Retrieval.Ranking;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Enrichment;
using SearchEngine.Storage.Filtering;
using SearchEngine.Storage.Migrations;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;

namespace SearchEngine.Retrieval.Tests;

/// <summary>
/// Text read in pictures, from its store to the query path: what is still to read, results written once and replaced,
/// a changed file read again, the catalogue's BM25 terms of each text kept in step, the source filter, and the words
/// of a hit marked against the query.
/// </summary>
public sealed class TextSegmentTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private const int Dimension = 8;
    private readonly string _folder = Directory.CreateTempSubdirectory("searchengine-text-segments-").FullName;

    [Fact]
    public async Task Results_are_written_once_replaced_on_a_rerun_and_read_again_when_the_file_changes()
    {
        await using var data = await OpenAsync();
        var collection = await new CollectionStore(data).CreateOrGetAsync("ocr-store", "pack", "f1", Dimension);
        var documents = new DocumentStore(data);
        await documents.WriteAsync(collection, [Picture("sign.jpg", "v1"), Picture("plain.jpg", "v1"), Text("note.txt")]);
        var store = new EnrichmentStore(data);

        var pending = await store.PendingAsync(collection.Id, 10);
        Assert.Equal(["sign.jpg", "plain.jpg"], pending.Select(p => p.Uri));
        Assert.Equal(new EnrichmentProgress(2, 0, 0, 0), await store.ProgressAsync(collection.Id));

        using var index = await Loader(data).OpenForQueriesAsync(collection);
        var catalogue = index.Catalogue!;
        Assert.Equal(2, await store.SaveAsync(collection.Id, [Read(pending[0], "EXIT 42"), new EnrichmentResult(pending[1], EnrichmentOutcome.NoText, [])]));
        Assert.Empty(await store.PendingAsync(collection.Id, 10));
        Assert.Equal(new EnrichmentProgress(2, 2, 1, 0), await store.ProgressAsync(collection.Id));
        await index.CatchUpAsync();
        var first = OcrSegments(catalogue, pending[0].DocumentId);
        Assert.True(Score(catalogue, "exit", Assert.Single(first)) > 0);

        // Read again (a rerun): the text segment is replaced, not added to, and the old words leave the statistics.
        var before = catalogue.Lexical.DocumentCount;
        await store.SaveAsync(collection.Id, [Read(pending[0], "EXIT 43")]);
        await index.CatchUpAsync();
        var second = Assert.Single(OcrSegments(catalogue, pending[0].DocumentId));
        Assert.NotEqual(first[0], second);
        Assert.False(catalogue.TryGetSegmentText(first[0], out _));
        Assert.Equal(before, catalogue.Lexical.DocumentCount);
        var stored = (await store.TextsAsync([second]))[second];
        Assert.Equal("EXIT 43", stored.Text);
        Assert.Equal(2, stored.Metadata!.Value.GetProperty("words").GetArrayLength());

        // The file changed: its document is to read again, and a result for the old content is not written.
        await documents.WriteAsync(collection, [Picture("sign.jpg", "v2")]);
        var again = Assert.Single(await store.PendingAsync(collection.Id, 10));
        Assert.Equal(pending[0].DocumentId, again.DocumentId);
        Assert.Equal(0, await store.SaveAsync(collection.Id, [Read(pending[0], "STALE")]));
        Assert.Equal(1, await store.SaveAsync(collection.Id, [Read(again, "EXIT 44")]));
        await index.CatchUpAsync();
        Assert.True(Score(catalogue, "44", Assert.Single(OcrSegments(catalogue, again.DocumentId))) > 0);

        // A deleted document takes its result with it, and its text leaves the catalogue.
        await documents.DeleteAsync(collection.Id, ["sign.jpg"]);
        await index.CatchUpAsync();
        Assert.Equal(new EnrichmentProgress(1, 1, 0, 0), await store.ProgressAsync(collection.Id));
        await using var rows = data.CreateCommand($"SELECT count(*) FROM enrichments WHERE document_id = {again.DocumentId}");
        Assert.Equal(0L, await rows.ExecuteScalarAsync());
        Assert.Empty(OcrSegments(catalogue, again.DocumentId));
    }

    [Fact]
    public void The_source_filter_takes_known_sources_only()
    {
        var limits = new FilterLimits();
        var ocr = QueryFilter.From(new SearchQuery { Collection = "c", Filter = """{"source":"ocr","width":{"gte":10}}""" }, limits);
        Assert.True(ocr.AllowsSource(SegmentKind.Ocr));
        Assert.False(ocr.AllowsSource(SegmentKind.Whole));
        Assert.Single(ocr.Filter.Conditions);
        var content = QueryFilter.From(new SearchQuery { Collection = "c", Filter = """{"source":{"in":["content","caption"]}}""" }, limits);
        Assert.True(content.AllowsSource(SegmentKind.Frame) && content.AllowsSource(SegmentKind.Caption));
        Assert.False(content.AllowsSource(SegmentKind.Ocr));
        Assert.True(content.Filter.IsEmpty);

        var error = Assert.Throws<QueryException>(() => QueryFilter.From(new SearchQuery { Collection = "c", Filter = """{"source":"pixels"}""" }, limits));
        Assert.Contains("ocr", error.Message, StringComparison.Ordinal);
        Assert.Throws<QueryException>(() => QueryFilter.From(new SearchQuery { Collection = "c", Filter = """{"source":{"gt":1}}""" }, limits));
    }

    [Fact]
    public void A_hit_marks_the_words_of_the_query_and_says_where_the_text_is()
    {
        var lexical = new LexicalIndex();
        lexical.Add(lexical.Analyze(null, "HARBOUR ROAD\nNO PARKING")!);
        Span<int> terms = stackalloc int[LexicalIndex.MaxQueryTerms];
        terms = terms[..lexical.QueryTerms("parking", terms)];
        var metadata = JsonSerializer.SerializeToElement(new
        {
            width = 640,
            height = 480,
            words = new object[]
            {
                new { text = "HARBOUR", box = new[] { 10, 20, 100, 30 }, confidence = 96.0 },
                new { text = "ROAD", box = new[] { 120, 20, 60, 30 }, confidence = 95.0 },
                new { text = "NO", box = new[] { 10, 60, 30, 30 }, confidence = 93.0 },
                new { text = "PARKING", box = new[] { 50, 60, 110, 30 }, confidence = 97.0 },
                new { text = "broken" },
            },
        });
        var text = TextInPicture.From(new StoredText(1, "HARBOUR ROAD\nNO PARKING", null, metadata), lexical, terms);
        Assert.Equal((640, 480), (text.Width!.Value, text.Height!.Value));
        Assert.Equal(["PARKING"], text.Words.Where(w => w.Matched).Select(w => w.Text));
        Assert.Equal(4, text.Words.Count);
        Assert.Equal("text in picture: 'NO PARKING'", text.Explanation);
        Assert.Equal("text in frame at 12.5 s: 'NO PARKING'", (text with { Time = 12.5 }).Explanation);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static EnrichmentResult Read(PendingDocument document, string text)
    {
        var words = text.Split(' ').Select((w, i) => new { text = w, box = new[] { 10 + (i * 50), 10, 40, 20 }, confidence = 95.0 }).ToArray();
        var metadata = JsonSerializer.SerializeToElement(new { width = 640, height = 480, words });
        var vector = new float[Dimension];
        vector[text.Length % Dimension] = 1;
        return new EnrichmentResult(document, EnrichmentOutcome.Text, [new TextSegment(text, null, metadata, vector)]);
    }

    private static List<long> OcrSegments(CollectionCatalogue catalogue, long documentId) =>
        [.. Enumerable.Range(1, 10_000).Select(i => (long)i)
            .Where(id => catalogue.TryGetSegment(id, out var location) && location.DocumentId == documentId && location.Kind == SegmentKind.Ocr)];

    private static float Score(CollectionCatalogue catalogue, string query, long segmentId)
    {
        Span<int> terms = stackalloc int[LexicalIndex.MaxQueryTerms];
        terms = terms[..catalogue.Lexical.QueryTerms(query, terms)];
        return catalogue.TryGetSegmentText(segmentId, out var text) ? catalogue.Lexical.Score(terms, text) : 0;
    }

    private async Task<NpgsqlDataSource> OpenAsync()
    {
        var data = NpgsqlDataSource.Create(database.ConnectionString);
        await new MigrationRunner(data).ApplyAsync();
        return data;
    }

    private CollectionIndexLoader Loader(NpgsqlDataSource data) =>
        new(new SegmentStore(data), new SearchEngine.Storage.Serving.ServingCopyStore(data), Options.Create(new CollectionIndexOptions { IndexFolder = _folder }));

    private static DocumentWrite Picture(string uri, string version) => Write(uri, version, Modality.Image);

    private static DocumentWrite Text(string uri) => Write(uri, "v1", Modality.Text);

    private static DocumentWrite Write(string uri, string version, Modality modality)
    {
        var vector = new float[Dimension];
        vector[uri.Length % Dimension] = 1;
        return new(uri, modality, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(uri + version))), 10,
            [new Segment(SegmentKind.Whole, null, null, vector)]);
    }
}
