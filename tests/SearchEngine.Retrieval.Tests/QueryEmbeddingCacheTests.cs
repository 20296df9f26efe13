using SearchEngine.Retrieval.Queries;

namespace SearchEngine.Retrieval.Tests;

public sealed class QueryEmbeddingCacheTests
{
    [Fact]
    public void A_repeated_query_is_embedded_once()
    {
        var cache = new QueryEmbeddingCache(4);
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
        var cache = new QueryEmbeddingCache(4);
        cache.GetOrAdd("pack-a", "dog", _ => new float[] { 1 });
        var other = cache.GetOrAdd("pack-b", "dog", _ => new float[] { 2 });
        Assert.Equal(2f, other[0]);
    }

    [Fact]
    public void The_least_recently_used_query_is_evicted_first()
    {
        var cache = new QueryEmbeddingCache(2);
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
        var cache = new QueryEmbeddingCache(4);
        var calls = 0;
        cache.GetOrAdd("p", "Dog", _ => { calls++; return new float[] { 1 }; });
        cache.GetOrAdd("p", "dog", _ => { calls++; return new float[] { 1 }; });
        Assert.Equal(2, calls);
    }
}
