using SearchEngine.Collections.Lexical;

namespace SearchEngine.Retrieval.Tests;

public sealed class LexicalTests
{
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("hopping", "hop")]
    [InlineData("running", "run")]
    [InlineData("falling", "fall")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("generalization", "gener")]
    [InlineData("hopefulness", "hope")]
    [InlineData("electrical", "electr")]
    [InlineData("adjustment", "adjust")]
    [InlineData("adoption", "adopt")]
    [InlineData("controll", "control")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("is", "is")]
    public void The_porter_stemmer_gives_the_reference_stems(string word, string stem)
    {
        var buffer = word.ToCharArray();
        Assert.Equal(stem, new string(buffer, 0, PorterStemmer.Stem(buffer)));
    }

    [Fact]
    public void Analysis_lower_cases_drops_stop_words_and_stems()
    {
        Assert.Equal(["dog", "run", "grass", "2024", "café"], Terms("A Dog is RUNNING through the grass, in 2024 at the Café!"));
        Assert.Empty(Terms("the of and ... !!"));
        Assert.Single(Terms(new string('x', 500)), t => t.Length == EnglishAnalyzer.MaxTermLength);
    }

    [Fact]
    public void Bm25_prefers_rarer_terms_shorter_documents_and_titles()
    {
        var index = new LexicalIndex();
        var black = Add(index, null, "a black dog on the grass");
        var brown = Add(index, null, "a brown dog on the grass");
        var longer = Add(index, null, "a brown dog on the grass near a lake with trees, people and a bench at noon");
        var titled = Add(index, "brown dog", "sitting");
        Add(index, null, "a dog and a cat");

        Span<int> terms = stackalloc int[LexicalIndex.MaxQueryTerms];
        var query = terms[..index.QueryTerms("black dogs", terms)];
        Assert.Equal(2, query.Length);
        Assert.True(index.Score(query, black) > index.Score(query, brown), "black (1 document) outweighs dog (5)");

        query = terms[..index.QueryTerms("brown dog", terms)];
        Assert.True(index.Score(query, brown) > index.Score(query, longer), "the same matches in a longer text score lower");
        Assert.True(index.Score(query, titled) > index.Score(query, brown), "title words weigh more than caption words");
        Assert.Equal(0, index.QueryTerms("zebra the of", terms));
    }

    [Fact]
    public void Removing_a_document_takes_it_out_of_the_statistics()
    {
        var index = new LexicalIndex();
        var first = Add(index, null, "a red kite");
        var second = Add(index, null, "a red ball");
        Span<int> terms = stackalloc int[LexicalIndex.MaxQueryTerms];
        var query = terms[..index.QueryTerms("red", terms)];
        var shared = index.Score(query, first);

        index.Remove(second);
        Assert.Equal(1, index.DocumentCount);
        Assert.NotEqual(shared, index.Score(query, first));
        index.Add(second);
        Assert.Equal(shared, index.Score(query, first));
    }

    private static LexicalDocument Add(LexicalIndex index, string? title, string caption)
    {
        var document = index.Analyze(title, caption)!;
        index.Add(document);
        return document;
    }

    private static List<string> Terms(string text)
    {
        var terms = new List<string>();
        Span<char> term = stackalloc char[EnglishAnalyzer.MaxTermLength];
        var position = 0;
        int length;
        while ((length = EnglishAnalyzer.NextTerm(text, ref position, term)) > 0)
        {
            terms.Add(term[..length].ToString());
        }

        return terms;
    }
}
