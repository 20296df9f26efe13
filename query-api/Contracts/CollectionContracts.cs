namespace SearchEngine.QueryApi.Contracts;

/// <summary>The body of POST /api/collections.</summary>
/// <param name="Name">The new collection's name (see <see cref="Storage.Collections.CollectionNames"/>).</param>
/// <param name="Pack">The model pack to bind it to; absent for the server's default pack.</param>
internal sealed record NewCollectionRequest(string? Name, string? Pack);

/// <summary>The model pack a collection is bound to for life.</summary>
/// <param name="Id">Pack id.</param>
/// <param name="Fingerprint">The fingerprint of the pack's weights the collection was built with.</param>
/// <param name="Dimension">Vector dimension.</param>
internal sealed record PackBinding(string Id, string Fingerprint, int Dimension);

/// <summary>One collection as GET /api/collections/{name} describes it.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Pack">The pack it is bound to.</param>
/// <param name="ShardCount">How many shards its serving copies are split into.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Documents">Indexed documents.</param>
/// <param name="Modalities">Indexed documents per modality.</param>
/// <param name="Segments">Live segments (vectors).</param>
/// <param name="Sequence">Its newest change-log sequence: a serving copy at it holds every committed change.</param>
/// <param name="Enrichment">How far the passes that run after indexing are (reading text in pictures).</param>
internal sealed record CollectionDetails(
    string Name, PackBinding Pack, int ShardCount, DateTimeOffset CreatedAt, long Documents, IReadOnlyDictionary<string, long> Modalities, long Segments, long Sequence,
    EnrichmentStatus Enrichment);

/// <summary>The enrichment passes of a collection.</summary>
/// <param name="Ocr">Reading text in pictures and video keyframes.</param>
internal sealed record EnrichmentStatus(EnrichmentPassStatus Ocr);

/// <summary>
/// One pass's progress: of the pictures and videos it reads (<c>Eligible</c>), <c>Done</c> are finished for their
/// current content (<c>WithText</c> had text, <c>Failed</c> could not be read) and <c>ToDo</c> are waiting.
/// </summary>
internal sealed record EnrichmentPassStatus(long Eligible, long Done, long ToDo, long WithText, long Failed);
