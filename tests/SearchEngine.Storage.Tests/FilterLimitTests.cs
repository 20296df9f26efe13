using System.Text;
using SearchEngine.Storage.Filtering;

namespace SearchEngine.Storage.Tests;

/// <summary>Every size of a filter has a cap, and a filter over one is refused naming the cap (not a 500 from deep inside).</summary>
public sealed class FilterLimitTests
{
    [Fact]
    public void A_metadata_path_of_1100_keys_is_refused_naming_the_path_depth_limit()
    {
        var path = "metadata." + string.Join('.', Enumerable.Repeat("a", 1100));
        var error = Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse($$"""{"{{path}}":1}"""));
        Assert.Contains("MaxPathDepth", error.Message, StringComparison.Ordinal);
        Assert.Contains("1100", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, "the path is not echoed whole");
    }

    [Fact]
    public void A_metadata_path_at_the_depth_limit_compiles()
    {
        var filter = DocumentFilter.Parse("""{"metadata.a.b.c.d.e.f.g.h":1}""");
        Assert.Contains("@>", FilterSqlCompiler.Compile(filter).Predicate, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_conditions_are_refused_naming_the_limit()
    {
        var json = "{" + string.Join(',', Enumerable.Range(0, 33).Select(i => $"\"metadata.k{i}\":{i}")) + "}";
        var error = Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse(json));
        Assert.Contains("MaxConditions", error.Message, StringComparison.Ordinal);
        Assert.Equal(32, DocumentFilter.Parse("{" + string.Join(',', Enumerable.Range(0, 32).Select(i => $"\"metadata.k{i}\":{i}")) + "}").Conditions.Count);
    }

    [Fact]
    public void Too_many_values_in_one_list_or_in_all_are_refused_naming_the_limit()
    {
        var list = string.Join(',', Enumerable.Range(0, 1001));
        var one = Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse($$$"""{"metadata.n":{"in":[{{{list}}}]}}"""));
        Assert.Contains("MaxValuesPerCondition", one.Message, StringComparison.Ordinal);

        var thousand = string.Join(',', Enumerable.Range(0, 1000));
        var json = "{" + string.Join(',', Enumerable.Range(0, 5).Select(i => $$"""
            "metadata.k{{i}}":{"in":[{{thousand}}]}
            """)) + "}";
        var all = Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse(json));
        Assert.Contains("MaxValues", all.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_past_the_limit_is_refused_naming_the_depth()
    {
        var deep = new StringBuilder().Insert(0, "{\"a\":", 10_000).Append('1').Append('}', 10_000).ToString();
        var error = Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse(deep));
        Assert.Contains("MaxNestingDepth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_refused_with_its_position_and_not_echoed()
    {
        var error = Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse("{\"width\": secret-text}"));
        Assert.Contains("byte", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_needing_more_sql_parameters_than_postgresql_takes_is_refused_before_it_is_sent()
    {
        var generous = new FilterLimits { MaxValues = 70_000, MaxValuesPerCondition = 70_000 };
        var list = string.Join(',', Enumerable.Range(0, 66_000));
        var filter = DocumentFilter.Parse($$$"""{"metadata.n":{"in":[{{{list}}}]}}""", generous);
        var error = Assert.Throws<DocumentFilterException>(() => FilterSqlCompiler.Compile(filter));
        Assert.Contains("PostgreSQL takes at most", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"width":{"gte":1e400}}""")]
    [InlineData("""{"metadata.rating":{"lt":-1e400}}""")]
    public void A_number_past_the_range_of_a_double_is_refused_not_thrown(string json)
    {
        var error = Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse(json));
        Assert.Contains("double", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"uri":"a\u0000b"}""")]
    [InlineData("""{"metadata.camera":{"in":["a","\u0000"]}}""")]
    public void A_nul_character_which_postgresql_text_cannot_hold_is_refused(string json)
    {
        var error = Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse(json));
        Assert.Contains("NUL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_or_operator_given_twice_is_refused()
    {
        Assert.Contains("twice", Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse("""{"width":1,"width":2}""")).Message, StringComparison.Ordinal);
        Assert.Contains("twice", Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse("""{"width":{"gte":1,"gte":2}}""")).Message, StringComparison.Ordinal);
    }
}
