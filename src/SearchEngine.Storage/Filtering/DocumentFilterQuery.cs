using Npgsql;

namespace SearchEngine.Storage.Filtering;

/// <summary>
/// Runs a <see cref="DocumentFilter"/> against a collection and returns what may appear in results: the allowed
/// segment ids (an allow-list for the vector index) or document ids.
/// </summary>
public sealed class DocumentFilterQuery(NpgsqlDataSource dataSource)
{
    /// <summary>Ids of the collection's segments whose documents pass <paramref name="filter"/>.</summary>
    public Task<HashSet<long>> AllowedSegmentIdsAsync(long collectionId, DocumentFilter filter, CancellationToken cancellationToken = default) =>
        ReadIdsAsync(
            "SELECT s.id FROM segments AS s JOIN documents AS d ON d.id = s.document_id WHERE s.collection_id = @collection AND d.collection_id = @collection AND ",
            collectionId, filter, cancellationToken);

    /// <summary>Ids of the collection's documents that pass <paramref name="filter"/>.</summary>
    public Task<HashSet<long>> AllowedDocumentIdsAsync(long collectionId, DocumentFilter filter, CancellationToken cancellationToken = default) =>
        ReadIdsAsync("SELECT d.id FROM documents AS d WHERE d.collection_id = @collection AND ", collectionId, filter, cancellationToken);

    /// <summary>Those of <paramref name="documentIds"/> that are documents of the collection and pass <paramref name="filter"/>.</summary>
    public Task<HashSet<long>> PassingDocumentIdsAsync(long collectionId, DocumentFilter filter, long[] documentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        return ReadIdsAsync(
            "SELECT d.id FROM documents AS d WHERE d.collection_id = @collection AND d.id = ANY(@candidates) AND ",
            collectionId, filter, cancellationToken, documentIds);
    }

    private async Task<HashSet<long>> ReadIdsAsync(string select, long collectionId, DocumentFilter filter, CancellationToken cancellationToken, long[]? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var compiled = FilterSqlCompiler.Compile(filter);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(select + compiled.Predicate, connection);
        command.Parameters.Add(new NpgsqlParameter<long>("collection", collectionId));
        if (candidates is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long[]>("candidates", candidates));
        }

        command.Parameters.AddRange(compiled.Parameters.ToArray());
        var ids = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
