using SearchEngine.Fingerprints;
using SearchEngine.Retrieval.Ranking;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Retrieval;

/// <summary>The answer to a <see cref="Queries.SearchQuery"/>: ranked documents with the segment that matched.</summary>
/// <param name="Collection">The collection searched.</param>
/// <param name="Hits">Ranked hits, best first, at most k.</param>
/// <param name="Candidates">How many segments candidate generation returned.</param>
/// <param name="Elapsed">Time spent in the pipeline.</param>
/// <param name="Calibration">The collection's pack calibration, when it has one (then every hit carries a relevance).</param>
/// <param name="FilteredOut">
/// How many of the k documents the query would have returned without <see cref="Queries.SearchQuery.MinRelevance"/>
/// it dropped (0 without it).
/// </param>
/// <param name="MissingShards">
/// The shards of a sharded collection that did not answer in time, so the hits are the best of the rest; null or empty
/// when the whole collection was searched.
/// </param>
public sealed record SearchResult(
    string Collection, IReadOnlyList<RankedDocument> Hits, int Candidates, TimeSpan Elapsed,
    Embeddings.Calibration.PackCalibration? Calibration = null, int FilteredOut = 0, IReadOnlyList<int>? MissingShards = null)
{
    /// <summary>Whether some shard did not answer, so better hits may exist than those returned.</summary>
    public bool Partial => MissingShards is { Count: > 0 };
}

/// <summary>One result: the document, its rank (from 1) and its scores.</summary>
/// <param name="Rank">Position in the result list, from 1.</param>
/// <param name="Hit">
/// Scores and the best-matching segment. For an exact match that the semantic search did not also find, the similarity
/// is 0 and the segment is the matched time range.
/// </param>
/// <param name="Document">The document's stored record.</param>
/// <param name="Relevance">Estimated probability that the hit is relevant (the pack's calibration); null when the pack has none.</param>
/// <param name="Exact">
/// The verified fingerprint match when the query's clip was found inside this recording (exact results come first);
/// null for a semantic ("similar") result.
/// </param>
/// <param name="Text">The text read in the picture that matched a text query's words, with the words' boxes; null otherwise.</param>
public sealed record RankedDocument(int Rank, DocumentHit Hit, DocumentInfo Document, double? Relevance = null, FingerprintMatch? Exact = null, TextInPicture? Text = null);
