using System.Buffers;
using System.Diagnostics;
using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using SearchEngine.Collections.Lexical;
using SearchEngine.Core;
using SearchEngine.Core.Vectors;
using SearchEngine.Fingerprints;
using SearchEngine.Retrieval.Candidates;
using SearchEngine.Retrieval.Documents;
using SearchEngine.Retrieval.Filtering;
using SearchEngine.Retrieval.Fingerprints;
using SearchEngine.Retrieval.Queries;
using SearchEngine.Retrieval.Ranking;
using SearchEngine.Serving;

namespace SearchEngine.Retrieval;

/// <summary>
/// The query pipeline: encode the query with the collection's pack; take k' = max(100, 10·k) candidate segments from
/// the collection's vectors (<see cref="ICandidateSearch"/>: this process's HNSW copy, or a sharded collection's shards
/// merged into one top-k), filtered during the graph search; then, when rerank is on, rescore them exactly against the index's
/// full-precision vectors, aggregate segments to documents (max), fuse a BM25 ranking of the candidates' titles and
/// captions (reciprocal rank fusion) and diversify (MMR). Segment locations and document texts come from the
/// collection's in-memory catalogue, kept in step with the index by the change log, so PostgreSQL is read only for the
/// records of the returned page (and for filters on fields other than the modality). Scores returned are cosine similarities;
/// when the collection's pack is calibrated, each hit also gets its estimated relevance (<see cref="HitRelevance"/>),
/// and <see cref="SearchQuery.MinRelevance"/> drops the hits below it before the page is cut. A query with an audio or
/// video file is also matched by its sound's fingerprint (<see cref="ExactMatcher"/>): the recordings it was cut from
/// come first, with where in them it starts, and the semantic results fill the rest of the page without repeating them.
/// </summary>
public sealed class SearchService(
    ICollectionServing collections,
    QueryEncoder encoder,
    IDocumentRecords documents,
    AllowListCache allowLists,
    IOptions<RetrievalOptions> options,
    ExactMatcher exact,
    ICandidateSearch candidateSearch)
{
    private readonly RetrievalOptions _options = options.Value;

    /// <summary>Answers <paramref name="query"/>.</summary>
    /// <exception cref="QueryException">A parameter is invalid, or the pack cannot take this kind of query.</exception>
    /// <exception cref="CollectionNotFoundException">The collection does not exist.</exception>
    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var started = Stopwatch.GetTimestamp();
        Validate(query);
        var filter = QueryFilter.From(query, _options.FilterLimits);
        var served = await collections.OpenAsync(query.Collection, cancellationToken);
        if (query.MinRelevance is not null && served.Calibration is null)
        {
            throw new QueryException("min_relevance",
                $"Collection '{served.Info.Name}' uses model pack '{served.Info.PackId}', which has no calibration, so its hits have no relevance to filter by. " +
                "Leave min_relevance out, or calibrate the pack (searchengine-indexer pack calibrate).", QueryError.UnsupportedByPack);
        }

        var encoded = await encoder.EncodeAsync(served, query, cancellationToken);
        var vector = encoded.Vector;
        // A source filter names kinds of segment; a fingerprint match is the recording's sound itself ("content").
        var exactMatches = filter.AllowsSource(SegmentKind.AudioWindow)
            ? await exact.MatchAsync(served, encoded.Sound, filter, query.K + query.Shown.Count, cancellationToken)
            : [];
        var terms = QueryTerms(served, query);

        // A later page is ranked over everything before it too, so that leaving the shown documents out skips nothing.
        var depth = query.K + query.Shown.Count;
        var candidateCount = Math.Max(_options.MinCandidates, _options.CandidatesPerResult * depth);
        var searchOptions = await SearchOptionsAsync(served, filter, Math.Max(query.Ef ?? _options.DefaultEf, candidateCount), cancellationToken);
        var candidateSet = await candidateSearch.SearchAsync(served, vector, candidateCount, searchOptions, cancellationToken);
        var candidates = candidateSet.Hits;
        if (candidates.Count == 0 && exactMatches.Count == 0)
        {
            return new SearchResult(served.Info.Name, [], 0, Stopwatch.GetElapsedTime(started), served.Calibration, MissingShards: candidateSet.MissingShards);
        }

        var textMatches = new Dictionary<long, (SegmentHit Segment, float Score)>();
        var ranked = DocumentAggregation.MaxPerDocument(
            ScoreSegments(served, vector, candidates, query.Rerank, filter, query.Text is not null ? terms : null, textMatches), _options.MaxMoments);
        if (textMatches.Count > 0)
        {
            for (var i = 0; i < ranked.Count; i++)
            {
                if (textMatches.TryGetValue(ranked[i].DocumentId, out var match))
                {
                    ranked[i] = ranked[i] with { TextMatch = match.Segment };
                }
            }
        }

        if (query.DocumentId is long self)
        {
            ranked.RemoveAll(h => h.DocumentId == self);
        }

        if (query.Rerank)
        {
            ranked = FuseText(served, query, terms, textMatches, ranked);
            if (query.Diversity > 0)
            {
                ranked = MaximalMarginalRelevance.Select(ranked, h => StoredVector(served.Index, h.BestSegment.SegmentId), query.Diversity, depth);
            }
        }

        var relevanceOf = served.Calibration is { } calibration ? new HitRelevance(calibration, encoded.Tower, served.Catalogue) : null;
        var filteredOut = 0;
        if (query.MinRelevance is double minimum && relevanceOf is not null)
        {
            var scores = ranked.ConvertAll(relevanceOf.Of);
            // Counted over the page the query would have had, so a client can say "3 of your 10 results were weaker".
            var shown = query.Shown.Count == 0 ? null : query.Shown.ToHashSet();
            filteredOut = scores.Where((_, i) => shown is null || !shown.Contains(ranked[i].DocumentId)).Take(query.K).Count(r => r < minimum);
            ranked = [.. ranked.Where((_, i) => scores[i] >= minimum)];
        }

        // Exact matches first; the semantic ranking keeps its order after them, without the documents already listed.
        var semantic = new Dictionary<long, DocumentHit>(ranked.Count);
        foreach (var hit in ranked)
        {
            semantic.TryAdd(hit.DocumentId, hit);
        }

        var page = new List<(DocumentHit Hit, FingerprintMatch? Exact)>(query.K);
        var listed = new HashSet<long>(query.Shown);
        foreach (var match in exactMatches)
        {
            if (page.Count < query.K && listed.Add(match.DocumentId))
            {
                page.Add((semantic.GetValueOrDefault(match.DocumentId) ?? ExactOnly(match), match));
            }
        }

        foreach (var hit in ranked)
        {
            if (page.Count == query.K)
            {
                break;
            }

            if (listed.Add(hit.DocumentId))
            {
                page.Add((hit, null));
            }
        }

        var pageIds = new long[page.Count];
        for (var i = 0; i < page.Count; i++)
        {
            pageIds[i] = page[i].Hit.DocumentId;
        }

        var records = await documents.GetManyAsync(pageIds, cancellationToken);
        var textIds = page.Where(p => p.Hit.TextMatch is not null).Select(p => p.Hit.TextMatch!.SegmentId).ToList();
        var texts = textIds.Count == 0 ? null : await documents.TextsAsync(textIds, cancellationToken);
        var hits = new List<RankedDocument>(page.Count);
        foreach (var (hit, match) in page)
        {
            if (records.TryGetValue(hit.DocumentId, out var record))
            {
                var relevance = relevanceOf is not null && semantic.ContainsKey(hit.DocumentId) ? relevanceOf.Of(hit) : (double?)null;
                var text = hit.TextMatch is { } read && texts is not null && texts.TryGetValue(read.SegmentId, out var stored)
                    ? TextInPicture.From(stored, served.Catalogue.Lexical, terms)
                    : null;
                hits.Add(new RankedDocument(query.Shown.Count + hits.Count + 1, hit, record, relevance, match, text));
            }
        }

        return new SearchResult(
            served.Info.Name, hits, candidates.Count, Stopwatch.GetElapsedTime(started), served.Calibration, filteredOut, candidateSet.MissingShards);
    }

    /// <summary>
    /// Places each candidate in its document through the catalogue and, when rescoring, recomputes its similarity from
    /// the index's full-precision vector (an int8 graph's distances are approximate; a float graph's come out the same).
    /// </summary>
    /// <remarks>
    /// With a text query (<paramref name="textTerms"/> not null), a segment of text read in a picture counts only when
    /// it holds a word of the query: text-to-text similarities stand far above text-to-picture ones, so any sign would
    /// otherwise outrank every photo for any query. Its BM25 score goes to <paramref name="textMatches"/> (the best
    /// per document), for the fusion and for saying why the document matched.
    /// </remarks>
    private static List<SegmentHit> ScoreSegments(
        ServedCollection served, float[] query, IReadOnlyList<VectorHit> candidates, bool rescore, QueryFilter filter,
        int[]? textTerms, Dictionary<long, (SegmentHit Segment, float Score)> textMatches)
    {
        var dimension = served.Index.Dimension;
        var row = rescore ? ArrayPool<float>.Shared.Rent(dimension) : null;
        try
        {
            var hits = new List<SegmentHit>(candidates.Count);
            foreach (var candidate in candidates)
            {
                if (!served.Catalogue.TryGetSegment(candidate.Id, out var location) || !filter.AllowsSource(location.Kind))
                {
                    continue; // removed between the graph search and now, or of a source the filter leaves out
                }

                var textScore = 0f;
                if (location.Kind == SegmentKind.Ocr && textTerms is not null)
                {
                    textScore = textTerms.Length > 0 && served.Catalogue.TryGetSegmentText(candidate.Id, out var text)
                        ? served.Catalogue.Lexical.Score(textTerms, text)
                        : 0f;
                    if (textScore <= 0)
                    {
                        continue;
                    }
                }

                var similarity = row is not null && served.Index.TryGetVector(candidate.Id, row)
                    ? TensorPrimitives.Dot(query.AsSpan(), row.AsSpan(0, dimension))
                    : candidate.Similarity;
                var hit = new SegmentHit(candidate.Id, location.DocumentId, location.Kind, location.Start, location.End, similarity);
                hits.Add(hit);
                // The best text of the document; of equal ones a video's earliest, where the words first appear.
                if (textScore > 0 && (!textMatches.TryGetValue(hit.DocumentId, out var best) || textScore > best.Score
                    || (textScore == best.Score && (hit.Start ?? 0) < (best.Segment.Start ?? 0))))
                {
                    textMatches[hit.DocumentId] = (hit, textScore);
                }
            }

            return hits;
        }
        finally
        {
            if (row is not null)
            {
                ArrayPool<float>.Shared.Return(row);
            }
        }
    }

    /// <summary>The hit of an exact match the semantic search did not find: no similarity, the matched range as its segment.</summary>
    private static DocumentHit ExactOnly(FingerprintMatch match) =>
        new(match.DocumentId, 0f, new SegmentHit(0, match.DocumentId, SegmentKind.AudioWindow, match.StartSeconds, match.EndSeconds, 0f));

    private static float[] StoredVector(IVectorIndex index, long segmentId)
    {
        var vector = new float[index.Dimension];
        _ = index.TryGetVector(segmentId, vector); // a segment removed meanwhile keeps zeros: dissimilar to everything
        return vector;
    }

    private void Validate(SearchQuery query)
    {
        if (string.IsNullOrWhiteSpace(query.Collection))
        {
            throw new QueryException("collection", "collection is required: the name of the collection to search (GET /api/collections lists them).");
        }

        // PostgreSQL text cannot hold NUL, and no collection is named with control characters or at this length.
        if (query.Collection.Length > 200 || query.Collection.Any(char.IsControl))
        {
            throw new QueryException("collection", "collection is not a collection name: names are at most 200 characters, without control characters (GET /api/collections lists them).");
        }

        if (query.Text is { Length: var length } && length > _options.MaxQueryCharacters)
        {
            throw new QueryException("q",
                $"q is {length} characters long; the limit is {_options.MaxQueryCharacters} (Retrieval:MaxQueryCharacters). " +
                "Search with a shorter text, or index the long text and search with its documentId.");
        }

        if (query.K < 1 || query.K > _options.MaxK)
        {
            throw new QueryException("k", $"k must be between 1 and {_options.MaxK}; it was {query.K}.");
        }

        if (query.Diversity is < 0 or > 1 || double.IsNaN(query.Diversity))
        {
            throw new QueryException("diversity", $"diversity must be between 0 and 1; it was {query.Diversity}.");
        }

        if (query.Ef is < 1 or > 10_000)
        {
            throw new QueryException("ef", $"ef must be between 1 and 10000; it was {query.Ef}.");
        }

        if (query.Crop?.Problem() is { } crop)
        {
            throw new QueryException("crop", crop);
        }

        if (query.Crop is not null && query.FilePath is null)
        {
            throw new QueryException("crop", "crop cuts a region out of an example image: send the image as 'file', or the documentId of an indexed image.");
        }

        if (query.K + query.Shown.Count > _options.MaxPagingDepth)
        {
            throw new QueryException(query.Shown.Count == 0 ? "k" : "cursor",
                $"A query is paged at most {_options.MaxPagingDepth} results deep (Retrieval:MaxPagingDepth); this page would end at {query.K + query.Shown.Count}. Narrow the query instead.");
        }

        if (query.MinRelevance is double minimum && (double.IsNaN(minimum) || minimum is < 0 or > 1))
        {
            throw new QueryException("min_relevance", $"min_relevance must be between 0 and 1 (an estimated probability); it was {minimum}.");
        }
    }

    private async Task<VectorSearchOptions> SearchOptionsAsync(ServedCollection served, QueryFilter filter, int ef, CancellationToken cancellationToken)
    {
        if (filter.Filter.IsEmpty)
        {
            return filter.Sources is null
                ? new VectorSearchOptions { Ef = ef }
                : new VectorSearchOptions { Ef = ef, Filter = id => served.Catalogue.TryGetSegment(id, out var location) && filter.AllowsSource(location.Kind) };
        }

        if (ModalityFilter.TryCreate(filter.Filter, served.Catalogue, out var modality))
        {
            // The index estimates the share that passes from a sample, and scans exactly when it is small.
            return new VectorSearchOptions { Ef = ef, Filter = modality.Allows };
        }

        var allowed = await allowLists.GetOrAddAsync(
            served.Info.Id, filter.Key, served.Index.LastSequence,
            () => documents.AllowedSegmentIdsAsync(served.Info.Id, filter.Filter, cancellationToken));
        return new VectorSearchOptions
        {
            Ef = ef,
            Filter = allowed.Contains,
            FilterSelectivity = allowed.Count / (double)Math.Max(1, served.Index.Count),
        };
    }

    /// <summary>The distinct terms of a text query that occur in the collection; empty for other queries.</summary>
    private static int[] QueryTerms(ServedCollection served, SearchQuery query)
    {
        if (string.IsNullOrWhiteSpace(query.Text))
        {
            return [];
        }

        Span<int> terms = stackalloc int[LexicalIndex.MaxQueryTerms];
        return terms[..served.Catalogue.Lexical.QueryTerms(query.Text, terms)].ToArray();
    }

    /// <summary>
    /// Ranks the candidate documents by BM25 over their titles and captions and the text read in them, and fuses that ranking with the vector
    /// ranking. Only candidates are scored: fusion reorders what the vector space found and never adds documents.
    /// </summary>
    private List<DocumentHit> FuseText(
        ServedCollection served, SearchQuery query, int[] terms, Dictionary<long, (SegmentHit Segment, float Score)> textMatches, List<DocumentHit> ranked)
    {
        if (!query.Hybrid || string.IsNullOrWhiteSpace(query.Text) || _options.HybridTextWeight <= 0 || terms.Length == 0)
        {
            return ranked;
        }

        var lexical = served.Catalogue.Lexical;
        var matches = new List<(long DocumentId, float Score)>(ranked.Count);
        foreach (var hit in ranked)
        {
            // The document's title and caption, and the best of the texts read in it.
            var score = textMatches.TryGetValue(hit.DocumentId, out var read) ? read.Score : 0f;
            if (served.Catalogue.TryGetDocument(hit.DocumentId, out var document) && document.Text is { } text)
            {
                score += lexical.Score(terms, text);
            }

            if (score > 0)
            {
                matches.Add((hit.DocumentId, score));
            }
        }

        if (matches.Count == 0)
        {
            return ranked;
        }

        matches.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.DocumentId.CompareTo(b.DocumentId));
        var textRanking = new long[matches.Count];
        for (var i = 0; i < textRanking.Length; i++)
        {
            textRanking[i] = matches[i].DocumentId;
        }

        return ReciprocalRankFusion.Fuse(ranked, textRanking, _options.HybridTextWeight);
    }
}
