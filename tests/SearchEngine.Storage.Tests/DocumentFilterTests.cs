using SearchEngine.Storage.Filtering;

namespace SearchEngine.Storage.Tests;

public sealed class DocumentFilterTests
{
    [Fact]
    public void The_examples_of_the_filter_language_parse_into_typed_conditions()
    {
        var filter = DocumentFilter.Parse("""
            {"modality":"Image", "metadata.camera":{"in":["a","b"]}, "width":{"gte":100,"lt":2000}, "created":{"gte":"2024-01-01"}}
            """);

        Assert.Collection(filter.Conditions,
            c => Assert.Equal(("modality", FilterOperator.Eq, "image"), (c.Field.Name, c.Operator, ((FilterValue.Text)c.Values[0]).Value)),
            c =>
            {
                Assert.Equal((FilterFieldType.Metadata, FilterOperator.In, 2), (c.Field.Type, c.Operator, c.Values.Count));
                Assert.Equal(["camera"], c.Field.MetadataPath);
            },
            c => Assert.Equal(("width", FilterOperator.Gte, 100.0), (c.Field.Name, c.Operator, ((FilterValue.Number)c.Values[0]).Value)),
            c => Assert.Equal(("width", FilterOperator.Lt, 2000.0), (c.Field.Name, c.Operator, ((FilterValue.Number)c.Values[0]).Value)),
            c => Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), ((FilterValue.Date)c.Values[0]).Value));
    }

    [Theory]
    [InlineData("""{"widht":5}""", "widht", null, "is not known")]
    [InlineData("""{"width":{"gtee":5}}""", "width", "gtee", "unknown operator 'gtee'")]
    [InlineData("""{"width":"wide"}""", "width", "eq", "expects a number")]
    [InlineData("""{"modality":"picture"}""", "modality", "eq", "'picture' is not a modality")]
    [InlineData("""{"modality":{"gt":"image"}}""", "modality", "gt", "does not apply")]
    [InlineData("""{"created":{"gte":"last tuesday"}}""", "created", "gte", "ISO-8601")]
    [InlineData("""{"created":"2024-01-01"}""", "created", "eq", "does not apply")]
    [InlineData("""{"uri":{"in":"a.jpg"}}""", "uri", "in", "non-empty array")]
    [InlineData("""{"uri":{"in":[]}}""", "uri", "in", "non-empty array")]
    [InlineData("""{"uri":["a.jpg"]}""", "uri", null, "\"in\"")]
    [InlineData("""{"metadata.camera":{"a":1}}""", "metadata.camera", "a", "unknown operator")]
    [InlineData("""{"metadata.rating":{"gt":true}}""", "metadata.rating", "gt", "number or an ISO-8601 date")]
    [InlineData("""{"metadata.":1}""", "metadata.", null, "is not known")]
    [InlineData("""{"width":{}}""", "width", null, "empty condition")]
    public void Bad_filters_fail_naming_the_field_and_operator(string json, string field, string? op, string expected)
    {
        var error = Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.Equal(op, error.Operator);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("{\"modality\": ", "not valid JSON")]
    public void Malformed_filters_say_what_a_filter_is(string json, string expected)
    {
        var error = Assert.Throws<DocumentFilterException>(() => DocumentFilter.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_never_reach_the_sql_text()
    {
        var filter = DocumentFilter.Parse("""{"uri":"x'; DROP TABLE documents; --","metadata.a'b":{"gt":1},"metadata.camera":"'"}""");

        var sql = FilterSqlCompiler.Compile(filter);

        Assert.DoesNotContain("DROP", sql.Predicate, StringComparison.Ordinal);
        Assert.DoesNotContain("a'b", sql.Predicate, StringComparison.Ordinal);
        Assert.DoesNotContain("camera", sql.Predicate, StringComparison.Ordinal);
        Assert.Equal(4, sql.Parameters.Count);
    }

    [Fact]
    public void An_empty_filter_lets_everything_through()
    {
        Assert.True(DocumentFilter.Parse(null).IsEmpty);
        Assert.True(DocumentFilter.Parse("{}").IsEmpty);
        Assert.Equal("TRUE", FilterSqlCompiler.Compile(DocumentFilter.Parse(" ")).Predicate);
    }
}
