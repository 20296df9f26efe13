namespace SearchEngine.Storage.Filtering;

/// <summary>
/// How large a filter may be. Every distinct filter is a scan of the collection's documents in PostgreSQL, and its
/// conditions, values and metadata paths all become SQL, so each has a cap; a filter over one is refused naming it.
/// Configuration section <c>Retrieval:FilterLimits</c> in the query API.
/// </summary>
public sealed class FilterLimits
{
    /// <summary>PostgreSQL's limit on the parameters of one statement (its wire protocol counts them in 16 bits).</summary>
    public const int MaxSqlParameters = 65_535;

    /// <summary>Most conditions (field–operator pairs) in one filter.</summary>
    public int MaxConditions { get; set; } = 32;

    /// <summary>Most values in one <c>in</c> list.</summary>
    public int MaxValuesPerCondition { get; set; } = 1000;

    /// <summary>Most values over the whole filter (each metadata value is an SQL parameter of its own).</summary>
    public int MaxValues { get; set; } = 4000;

    /// <summary>Most keys in a metadata path (<c>metadata.a.b.c</c> has 3).</summary>
    public int MaxPathDepth { get; set; } = 8;

    /// <summary>Deepest nesting of the filter's JSON (a filter needs 3: object, operators, <c>in</c> list).</summary>
    public int MaxNestingDepth { get; set; } = 8;
}
