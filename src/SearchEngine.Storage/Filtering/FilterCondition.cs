using System.Text.Json;

namespace SearchEngine.Storage.Filtering;

/// <summary>A comparison in a filter.</summary>
public enum FilterOperator
{
    /// <summary>Equal to the value.</summary>
    Eq,

    /// <summary>Equal to one of the values.</summary>
    In,

    /// <summary>Greater than.</summary>
    Gt,

    /// <summary>Greater than or equal.</summary>
    Gte,

    /// <summary>Less than.</summary>
    Lt,

    /// <summary>Less than or equal.</summary>
    Lte,
}

/// <summary>A typed value in a filter condition.</summary>
public abstract record FilterValue
{
    /// <summary>A text (or modality name).</summary>
    public sealed record Text(string Value) : FilterValue;

    /// <summary>A number.</summary>
    public sealed record Number(double Value) : FilterValue;

    /// <summary>A point in time (UTC).</summary>
    public sealed record Date(DateTimeOffset Value) : FilterValue;

    /// <summary>A JSON scalar matched exactly against metadata.</summary>
    public sealed record Json(JsonElement Value) : FilterValue;
}

/// <summary>One condition of a filter; a filter's conditions all have to hold.</summary>
/// <param name="Field">The field compared.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Values">One value, or the candidates of <see cref="FilterOperator.In"/>.</param>
public sealed record FilterCondition(FilterField Field, FilterOperator Operator, IReadOnlyList<FilterValue> Values);
