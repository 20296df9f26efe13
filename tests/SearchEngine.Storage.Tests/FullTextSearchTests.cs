using SearchEngine.Core;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Search;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class FullTextSearchTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Dimension = 4;

    [Fact]
    public async Task The_caption_with_the_query_words_ranks_first_and_modality_restricts()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "captions", Dimension);
        var random = new Random(50);
        DocumentWrite Make(string uri, Modality modality, string? title, string caption) =>
            new(uri, modality, TestStorage.Sha(uri), 1, [TestStorage.Whole(random, Dimension)]) { Title = title, Caption = caption };
        var written = (await new DocumentStore(dataSource).WriteAsync(collection,
        [
            Make("1.jpg", Modality.Image, null, "A man rides a bicycle down the street"),
            Make("2.jpg", Modality.Image, null, "Two dogs are running on the beach"),
            Make("3.jpg", Modality.Image, null, "A dog sleeps on a sofa"),
            Make("4.wav", Modality.Audio, "Dog barking", "a dog barks twice near the beach"),
            Make("5.jpg", Modality.Image, null, "Children play football in a park"),
        ])).Documents.ToDictionary(d => d.Uri, d => d.DocumentId);
        var search = new FullTextSearch(dataSource);

        var any = await search.SearchAsync(collection.Id, "dog running on a beach", 10, Modality.Image);
        Assert.Equal(written["2.jpg"], any[0].DocumentId);
        Assert.Equal([written["2.jpg"], written["3.jpg"]], any.Select(m => m.DocumentId));
        Assert.True(any[0].Rank > any[1].Rank);

        var all = await search.SearchAsync(collection.Id, "dog beach", 10, requireAllWords: true);
        Assert.Equal([written["4.wav"], written["2.jpg"]], all.Select(m => m.DocumentId));

        Assert.Empty(await search.SearchAsync(collection.Id, "the a of", 10));
        Assert.Empty(await search.SearchAsync(collection.Id, "   ", 10));
        Assert.Single(await search.SearchAsync(collection.Id, "it's a 'dog' & | ! (sofa", 1));
    }
}
