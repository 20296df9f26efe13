using SearchEngine.Core;
using SearchEngine.Storage.Collections;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

public sealed class CollectionStoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Create_or_get_returns_the_same_collection_for_the_same_pack()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var store = new CollectionStore(dataSource);

        var created = await store.CreateOrGetAsync("photos", "clip-b32", "abc", 512);
        var again = await store.CreateOrGetAsync("photos", "clip-b32", "abc", 512);

        Assert.Equal(created, again);
        Assert.Equal(512, again.Dimension);
        Assert.Contains(await store.ListAsync(), c => c.Name == "photos" && c.PackId == "clip-b32");
        Assert.Equal(created, await store.GetAsync(created.Id));
        Assert.Null(await store.GetByNameAsync("no-such-collection"));
    }

    [Theory]
    [InlineData("other-pack", "abc", 512)]
    [InlineData("clip-b32", "retrained", 512)]
    [InlineData("clip-b32", "abc", 768)]
    public async Task Another_pack_fingerprint_or_dimension_is_a_pack_mismatch(string pack, string fingerprint, int dimension)
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var store = new CollectionStore(dataSource);
        await store.CreateOrGetAsync("bound", "clip-b32", "abc", 512);

        var error = await Assert.ThrowsAsync<PackMismatchException>(() => store.CreateOrGetAsync("bound", pack, fingerprint, dimension));

        Assert.Equal("bound", error.Collection);
        Assert.Equal("clip-b32", error.ExpectedPack);
        Assert.Contains("abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_name_yield_one_collection()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var store = new CollectionStore(dataSource);

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.CreateOrGetAsync("raced", "p", "f", 4))));

        Assert.Single(all.Select(c => c.Id).Distinct());
    }
}
