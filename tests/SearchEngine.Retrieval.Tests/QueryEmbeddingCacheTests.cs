using SearchEngine.Retrieval.Queries;

namespace SearchEngine.Retrieval.Tests;

public sealed class QueryEmbeddingCacheTests
{
    [Fact]
    public void A_repeated_query_is_embedded_once()
    {
        var cache = new QueryEmbeddingCache(4 * QueryEmbeddingCache.EntryBytes(2));
        var calls = 0;
        float[] Embed(string _) { calls++; return new float[] { 1, 2 }; }

        var first = cache.GetOrAdd("pack-a", "a dog  running ", Embed);
        var second = cache.GetOrAdd("pack-a", " a dog running", Embed);

        Assert.Equal(1, calls);
        Assert.Same(first, second);
    }

    [Fact]
    public void Packs_do_not_share_embeddings()
    {
        var cache = new QueryEmbeddingCache(4 * QueryEmbeddingCache.EntryBytes(2));
        cache.GetOrAdd("pack-a", "dog", _ => new float[] { 1 });
        var other = cache.GetOrAdd("pack-b", "dog", _ => new float[] { 2 });
        Assert.Equal(2f, other[0]);
    }

    [Fact]
    public void The_least_recently_used_query_is_evicted_first()
    {
        var cache = new QueryEmbeddingCache(2 * QueryEmbeddingCache.EntryBytes(1));
        var calls = new List<string>();
        float[] Embed(string text) { calls.Add(text); return new float[] { text.Length }; }

        cache.GetOrAdd("p", "one", Embed);
        cache.GetOrAdd("p", "two", Embed);
        cache.GetOrAdd("p", "one", Embed);   // "one" is now the most recent
        cache.GetOrAdd("p", "three", Embed); // evicts "two"
        cache.GetOrAdd("p", "one", Embed);   // still cached
        cache.GetOrAdd("p", "two", Embed);   // recomputed

        Assert.Equal(new[] { "one", "two", "three", "two" }, calls);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Case_is_kept_because_some_tokenizers_are_case_sensitive()
    {
        var cache = new QueryEmbeddingCache(4 * QueryEmbeddingCache.EntryBytes(2));
        var calls = 0;
        cache.GetOrAdd("p", "Dog", _ => { calls++; return new float[] { 1 }; });
        cache.GetOrAdd("p", "dog", _ => { calls++; return new float[] { 1 }; });
        Assert.Equal(2, calls);
    }

    [Fact]
    public void The_cache_is_bounded_in_bytes_so_wider_vectors_evict_more()
    {
        var capacity = 4 * QueryEmbeddingCache.EntryBytes(512);
        var cache = new QueryEmbeddingCache(capacity);
        for (var i = 0; i < 10; i++)
        {
            cache.GetOrAdd("p", $"query {i}", _ => new float[512]);
        }

        Assert.Equal(4, cache.Count);
        Assert.Equal(capacity, cache.Bytes);

        cache.GetOrAdd("p", "wide", _ => new float[1024]);
        Assert.Equal(3, cache.Count); // the wide one took two narrow ones' room
        Assert.True(cache.Bytes <= capacity);
    }

    [Fact]
    public void A_long_query_costs_the_cache_its_vector_not_its_text()
    {
        var cache = new QueryEmbeddingCache(1024 * 1024);
        var text = new string('x', 2_000_000);
        cache.GetOrAdd("p", text, _ => new float[4]);
        Assert.Equal(QueryEmbeddingCache.EntryBytes(4), cache.Bytes);

        var calls = 0;
        cache.GetOrAdd("p", text, _ => { calls++; return new float[4]; });
        Assert.Equal(0, calls); // found again by its hash
    }

    [Fact]
    public void Directions_do_not_share_embeddings_of_the_same_input()
    {
        var cache = new QueryEmbeddingCache(1024 * 1024);
        cache.GetOrAdd("p", QueryEmbeddingCache.TextDirection, "dog", _ => new float[] { 1 });
        var other = cache.GetOrAdd("p", "audio-caption", "dog", _ => new float[] { 2 });
        Assert.Equal(2f, other[0]);
    }

    [Fact]
    public void A_vector_larger_than_the_whole_cache_is_returned_but_not_kept()
    {
        var cache = new QueryEmbeddingCache(QueryEmbeddingCache.EntryBytes(8));
        var vector = cache.GetOrAdd("p", "dog", _ => new float[64]);
        Assert.Equal(64, vector.Length);
        Assert.Equal(0, cache.Count);
    }
}
