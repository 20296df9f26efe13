using System.Text.Json;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Filtering;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class DocumentFilterQueryTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const int Dimension = 4;
    private NpgsqlDataSource _dataSource = null!;
    private CollectionInfo _collection = null!;
    private Dictionary<string, WrittenDocument> _documents = null!;

    public async Task InitializeAsync()
    {
        _dataSource = await TestStorage.OpenAsync(database);
        _collection = await TestStorage.CollectionAsync(_dataSource, "filtered", Dimension);
        var other = await TestStorage.CollectionAsync(_dataSource, "filtered-other", Dimension);
        var random = new Random(40);
        DocumentWrite Make(string uri, Modality modality, int? width, string metadata, int segments = 1) =>
            new(uri, modality, TestStorage.Sha(uri), 100, Enumerable.Range(0, segments).Select(_ => TestStorage.Whole(random, Dimension)).ToList())
            {
                Width = width,
                Height = width,
                Metadata = JsonDocument.Parse(metadata).RootElement,
            };

        var store = new DocumentStore(_dataSource);
        var result = await store.WriteAsync(_collection,
        [
            Make("small.jpg", Modality.Image, 50, """{"camera":"a","rating":2,"taken":"2023-05-01"}"""),
            Make("medium.jpg", Modality.Image, 800, """{"camera":"b","rating":4.5,"taken":"2024-02-10T08:00:00Z","exif":{"iso":400}}"""),
            Make("huge.jpg", Modality.Image, 4000, """{"camera":"c","rating":"five","taken":"not a date"}"""),
            Make("song.wav", Modality.Audio, null, """{"camera":"a","rating":5}""", segments: 3),
        ]);
        _documents = result.Documents.ToDictionary(d => d.Uri);
        await store.WriteAsync(other, [Make("medium.jpg", Modality.Image, 800, """{"camera":"b"}""")]);

        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var backdate = new NpgsqlCommand("UPDATE documents SET created_at = '2023-06-01T00:00:00Z' WHERE uri IN ('small.jpg', 'song.wav')", connection);
        await backdate.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Theory]
    [InlineData("""{"modality":"image"}""", "small.jpg medium.jpg huge.jpg")]
    [InlineData("""{"metadata.camera":{"in":["a","b"]}}""", "small.jpg medium.jpg song.wav")]
    [InlineData("""{"width":{"gte":100,"lt":2000}}""", "medium.jpg")]
    [InlineData("""{"width":{"in":[50,4000]}}""", "small.jpg huge.jpg")]
    [InlineData("""{"created":{"gte":"2024-01-01"}}""", "medium.jpg huge.jpg")]
    [InlineData("""{"created":{"lt":"2024-01-01"},"modality":"audio"}""", "song.wav")]
    [InlineData("""{"metadata.rating":{"gte":4}}""", "medium.jpg song.wav")]
    [InlineData("""{"metadata.taken":{"gte":"2024-01-01","lt":"2025-01-01"}}""", "medium.jpg")]
    [InlineData("""{"metadata.exif.iso":400}""", "medium.jpg")]
    [InlineData("""{"metadata.camera":"a","modality":"image"}""", "small.jpg")]
    [InlineData("""{"uri":"song.wav"}""", "song.wav")]
    [InlineData("""{"metadata.camera":"zzz"}""", "")]
    [InlineData("""{}""", "small.jpg medium.jpg huge.jpg song.wav")]
    public async Task Filters_select_the_right_documents_and_segments_of_the_collection(string json, string expectedUris)
    {
        var filter = DocumentFilter.Parse(json);
        var query = new DocumentFilterQuery(_dataSource);
        var expected = expectedUris.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(uri => _documents[uri]).ToList();

        var documentIds = await query.AllowedDocumentIdsAsync(_collection.Id, filter);
        var segmentIds = await query.AllowedSegmentIdsAsync(_collection.Id, filter);

        Assert.Equal(expected.Select(d => d.DocumentId).Order(), documentIds.Order());
        Assert.Equal(expected.SelectMany(d => d.SegmentIds).Order(), segmentIds.Order());
    }
}
