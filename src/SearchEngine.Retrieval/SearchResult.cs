using SearchEngine.Retrieval.Ranking;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Retrieval;

/// <summary>The answer to a <see cref="Queries.SearchQuery"/>: ranked documents with the segment that matched.</summary>
/// <param name="Collection">The collection searched.</param>
/// <param name="Hits">Ranked hits, best first, at most k.</param>
/// <param name="Candidates">How many segments candidate generation returned.</param>
/// <param name="Elapsed">Time spent in the pipeline.</param>
public sealed record SearchResult(string Collection, IReadOnlyList<RankedDocument> Hits, int Candidates, TimeSpan Elapsed);

/// <summary>One result: the document, its rank (from 1) and its scores.</summary>
/// <param name="Rank">Position in the result list, from 1.</param>
/// <param name="Hit">Scores and the best-matching segment.</param>
/// <param name="Document">The document's stored record.</param>
public sealed record RankedDocument(int Rank, DocumentHit Hit, DocumentInfo Document);
