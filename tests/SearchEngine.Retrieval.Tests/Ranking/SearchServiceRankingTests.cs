using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Core;
using SearchEngine.Retrieval.Documents;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Serving;
using SearchEngine.Storage;

namespace SearchEngine.Retrieval.Tests.Ranking;

/// <summary>
/// The ranking of <see cref="SearchService"/> over a real HNSW index and catalogue, with the document records held in
/// memory: no PostgreSQL is reached (the data source is registered but never opened).
/// </summary>
public sealed class SearchServiceRankingTests : IDisposable
{
    private readonly TinyCollection _collection = new();
    private readonly InMemoryDocumentRecords _records = new(TinyCollection.Records()) { AllowedSegments = [31, 41] };
    private readonly ServiceProvider _services;

    public SearchServiceRankingTests()
    {
        var services = new ServiceCollection();
        services.AddSearchEngineStorage(o => o.ConnectionString = "Host=127.0.0.1;Database=never-opened-by-ranking-tests");
        services.AddMediaDecoding();
        services.AddRetrieval();
        services.AddSingleton<ICollectionServing>(_collection);
        services.AddSingleton<IDocumentRecords>(_records);
        _services = services.BuildServiceProvider();
    }

    private SearchService Search => _services.GetRequiredService<SearchService>();

    private static SearchQuery Kite => new() { Collection = TinyCollection.Name, Text = "kite" };

    [Fact]
    public async Task Several_segments_of_one_document_make_one_hit_carried_by_its_best_segment()
    {
        var result = await Search.SearchAsync(Kite with { Rerank = false });

        Assert.Equal(
            [TinyCollection.Video, TinyCollection.KiteImage, TinyCollection.Birdsong, TinyCollection.KitesText, TinyCollection.FieldImage],
            result.Hits.Select(h => h.Document.Id));
        Assert.Equal([1, 2, 3, 4, 5], result.Hits.Select(h => h.Rank));
        var video = result.Hits[0].Hit;
        Assert.Equal(21, video.BestSegment.SegmentId);
        Assert.Equal(TinyCollection.Video, video.BestSegment.DocumentId);
        Assert.Equal(video.BestSegment.Similarity, video.Similarity);
        Assert.Equal(7, result.Candidates); // every segment was a candidate, the video's three among them
    }

    [Fact]
    public async Task The_page_holds_k_documents_and_only_their_records_are_read()
    {
        var result = await Search.SearchAsync(Kite with { K = 2, Rerank = false });

        Assert.Equal([TinyCollection.Video, TinyCollection.KiteImage], result.Hits.Select(h => h.Document.Id));
        var read = Assert.Single(_records.PageReads);
        Assert.Equal([TinyCollection.Video, TinyCollection.KiteImage], read);
    }

    [Fact]
    public async Task A_modality_filter_keeps_that_modality_only_and_is_answered_from_the_catalogue()
    {
        var result = await Search.SearchAsync(Kite with { Modality = Modality.Image, Rerank = false });

        Assert.Equal([TinyCollection.KiteImage, TinyCollection.FieldImage], result.Hits.Select(h => h.Document.Id));
        Assert.All(result.Hits, h => Assert.Equal(Modality.Image, h.Document.Modality));
        Assert.Equal(0, _records.AllowListReads);
    }

    [Fact]
    public async Task A_filter_on_other_fields_keeps_the_segments_the_records_allow()
    {
        var result = await Search.SearchAsync(Kite with { Filter = """{"width":{"gte":100}}""", Rerank = false });

        Assert.Equal([TinyCollection.Birdsong, TinyCollection.FieldImage], result.Hits.Select(h => h.Document.Id));
        Assert.Equal(1, _records.AllowListReads);
    }

    [Fact]
    public async Task Hybrid_fusion_lifts_the_documents_whose_captions_match_the_text_above_a_closer_vector()
    {
        var vectorOnly = await Search.SearchAsync(Kite with { Hybrid = false });
        var fused = await Search.SearchAsync(Kite);

        Assert.Equal(
            [TinyCollection.Video, TinyCollection.KiteImage, TinyCollection.Birdsong, TinyCollection.KitesText, TinyCollection.FieldImage],
            vectorOnly.Hits.Select(h => h.Document.Id));
        Assert.All(vectorOnly.Hits, h => Assert.Null(h.Hit.FusedScore));
        Assert.Equal(
            [TinyCollection.KiteImage, TinyCollection.KitesText, TinyCollection.Video, TinyCollection.Birdsong, TinyCollection.FieldImage],
            fused.Hits.Select(h => h.Document.Id));
    }

    [Fact]
    public async Task Reciprocal_rank_fusion_is_applied_once_over_the_vector_ranking()
    {
        var fused = (await Search.SearchAsync(Kite)).Hits.ToDictionary(h => h.Document.Id, h => h.Hit.FusedScore!.Value);

        // Without a text match a document keeps 1/(60 + its vector rank); fused twice, the ranks would be the fused ones.
        Assert.Equal(1.0 / 61, fused[TinyCollection.Video], 12);
        Assert.Equal(1.0 / 63, fused[TinyCollection.Birdsong], 12);
        Assert.Equal(1.0 / 65, fused[TinyCollection.FieldImage], 12);

        // The two captions that match hold text ranks 1 and 2 between them, each counted once.
        var textMatches = fused[TinyCollection.KiteImage] + fused[TinyCollection.KitesText];
        Assert.Equal((1.0 / 62) + (1.0 / 64) + (1.0 / 61) + (1.0 / 62), textMatches, 12);
    }

    [Fact]
    public async Task An_unknown_collection_is_not_found()
    {
        await Assert.ThrowsAsync<CollectionNotFoundException>(() => Search.SearchAsync(Kite with { Collection = "absent" }));
    }

    public void Dispose()
    {
        _services.Dispose();
        _collection.Dispose();
    }
}
