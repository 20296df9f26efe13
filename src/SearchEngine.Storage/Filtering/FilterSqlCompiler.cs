using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace SearchEngine.Storage.Filtering;

/// <summary>A filter compiled to a boolean SQL expression over the <c>documents</c> table aliased <c>d</c>, with its parameters.</summary>
/// <param name="Predicate">The expression; values appear only as parameters.</param>
/// <param name="Parameters">Named parameters (<c>@f0</c>, <c>@f1</c>, …) to add to the command.</param>
public sealed record FilterSql(string Predicate, IReadOnlyList<NpgsqlParameter> Parameters);

/// <summary>
/// Compiles a <see cref="DocumentFilter"/> into parameterized SQL. Field names map to fixed columns or become
/// parameters (metadata paths), and every value is a parameter, so no filter text ever reaches the SQL string.
/// Metadata equality compiles to jsonb containment (<c>@&gt;</c>), which the GIN index on metadata serves.
/// </summary>
public static class FilterSqlCompiler
{
    /// <summary>Compiles <paramref name="filter"/>; an empty filter compiles to <c>TRUE</c>.</summary>
    /// <exception cref="DocumentFilterException">The filter needs more SQL parameters than PostgreSQL takes.</exception>
    public static FilterSql Compile(DocumentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.IsEmpty)
        {
            return new FilterSql("TRUE", []);
        }

        var parameters = new List<NpgsqlParameter>();
        var sql = new StringBuilder();
        foreach (var condition in filter.Conditions)
        {
            if (sql.Length > 0)
            {
                sql.Append(" AND ");
            }

            sql.Append('(').Append(condition.Field.Type == FilterFieldType.Metadata
                ? CompileMetadata(condition, parameters)
                : CompileColumn(condition, parameters)).Append(')');
        }

        // The limits keep a parsed filter far below this; the check keeps a too-generous configuration from reaching
        // PostgreSQL as a protocol error.
        if (parameters.Count > FilterLimits.MaxSqlParameters - 1)
        {
            throw new DocumentFilterException(
                $"The filter needs {parameters.Count} SQL parameters; PostgreSQL takes at most {FilterLimits.MaxSqlParameters} in one statement. Search with fewer values.");
        }

        return new FilterSql(sql.ToString(), parameters);
    }

    private static string CompileColumn(FilterCondition condition, List<NpgsqlParameter> parameters)
    {
        var column = "d." + condition.Field.Column;
        if (condition.Operator == FilterOperator.In)
        {
            var name = condition.Field.Type == FilterFieldType.Number
                ? Add(parameters, condition.Values.Select(v => ((FilterValue.Number)v).Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double)
                : Add(parameters, condition.Values.Select(v => ((FilterValue.Text)v).Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            return $"{column} = ANY({name})";
        }

        var parameter = condition.Values[0] switch
        {
            FilterValue.Text text => Add(parameters, text.Value, NpgsqlDbType.Text),
            FilterValue.Number number => Add(parameters, number.Value, NpgsqlDbType.Double),
            FilterValue.Date date => Add(parameters, date.Value.ToUniversalTime(), NpgsqlDbType.TimestampTz),
            var other => throw new InvalidOperationException($"Unexpected value {other} for '{condition.Field.Name}'."),
        };
        return $"{column} {Symbol(condition.Operator)} {parameter}";
    }

    private static string CompileMetadata(FilterCondition condition, List<NpgsqlParameter> parameters)
    {
        var path = condition.Field.MetadataPath;
        switch (condition.Operator)
        {
            case FilterOperator.Eq:
            case FilterOperator.In:
                // {"a":{"b":value}} for metadata.a.b = value: containment, served by the partial jsonb_path_ops GIN
                // index, whose predicate (non-empty metadata) is repeated so the planner can use it.
                return "d.metadata <> '{}'::jsonb AND (" + string.Join(" OR ", condition.Values.Select(v =>
                    $"d.metadata @> {Add(parameters, Containment(path, ((FilterValue.Json)v).Value), NpgsqlDbType.Jsonb)}")) + ")";
            default:
                var pathParameter = Add(parameters, path.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                var symbol = Symbol(condition.Operator);
                return condition.Values[0] switch
                {
                    // Values of another JSON type than the bound do not match (rather than fail the query).
                    FilterValue.Number number =>
                        $"(CASE WHEN jsonb_typeof(d.metadata #> {pathParameter}) = 'number' THEN (d.metadata #>> {pathParameter})::double precision END) {symbol} {Add(parameters, number.Value, NpgsqlDbType.Double)}",
                    FilterValue.Date date =>
                        $"se_try_timestamptz(d.metadata #>> {pathParameter}) {symbol} {Add(parameters, date.Value.ToUniversalTime(), NpgsqlDbType.TimestampTz)}",
                    var other => throw new InvalidOperationException($"Unexpected range bound {other} for '{condition.Field.Name}'."),
                };
        }
    }

    private static string Containment(IReadOnlyList<string> path, JsonElement value)
    {
        JsonNode node = JsonNode.Parse(value.GetRawText())!;
        for (var i = path.Count - 1; i >= 0; i--)
        {
            node = new JsonObject { [path[i]] = node };
        }

        return node.ToJsonString();
    }

    private static string Symbol(FilterOperator op) => op switch
    {
        FilterOperator.Eq => "=",
        FilterOperator.Gt => ">",
        FilterOperator.Gte => ">=",
        FilterOperator.Lt => "<",
        FilterOperator.Lte => "<=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a single-value comparison."),
    };

    private static string Add(List<NpgsqlParameter> parameters, object value, NpgsqlDbType type)
    {
        var name = "f" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return "@" + name;
    }
}
