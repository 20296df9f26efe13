using Npgsql;
using SearchEngine.Core;

namespace SearchEngine.Storage.Search;

/// <summary>A document that matched a full-text query.</summary>
/// <param name="DocumentId">The document.</param>
/// <param name="Rank">PostgreSQL <c>ts_rank</c> (title words weigh more than caption words); higher is better.</param>
public readonly record struct TextMatch(long DocumentId, float Rank);

/// <summary>
/// Full-text search over documents' titles and captions (English stemming), the optional lexical signal of hybrid
/// search. By default a document matches when it has any of the query's words, ranked by how well it matches, so it
/// can add recall next to the vector search; <c>requireAllWords</c> asks for every word (web-search syntax).
/// </summary>
public sealed class FullTextSearch(NpgsqlDataSource dataSource)
{
    // Any word: plainto_tsquery stems with the column's configuration and quotes every lexeme (user text is never
    // parsed as tsquery syntax); its top-level ANDs then become ORs. Lexemes of the English parser hold no spaces.
    private const string AnyWordQuery = "replace(plainto_tsquery('english'::regconfig, $2)::text, ' & ', ' | ')::tsquery";

    private const string AllWordsQuery = "websearch_to_tsquery('english'::regconfig, $2)";

    /// <summary>The top <paramref name="limit"/> documents of the collection for <paramref name="text"/>, best first, optionally of one modality.</summary>
    public async Task<IReadOnlyList<TextMatch>> SearchAsync(
        long collectionId, string text, int limit, Modality? modality = null, bool requireAllWords = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var matches = new List<TextMatch>(Math.Min(limit, 256));
        if (string.IsNullOrWhiteSpace(text))
        {
            return matches;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT d.id, ts_rank(d.search_vector, q.query)
            FROM (SELECT {(requireAllWords ? AllWordsQuery : AnyWordQuery)} AS query) AS q, documents AS d
            WHERE numnode(q.query) > 0 AND d.collection_id = $1 AND (d.title IS NOT NULL OR d.caption IS NOT NULL) AND d.search_vector @@ q.query AND ($3::text IS NULL OR d.modality = $3)
            ORDER BY 2 DESC, d.id
            LIMIT $4
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = collectionId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = text });
        command.Parameters.Add(new NpgsqlParameter { Value = modality is { } m ? m.ToName() : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            matches.Add(new TextMatch(reader.GetInt64(0), reader.GetFloat(1)));
        }

        return matches;
    }
}
