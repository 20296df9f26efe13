using Microsoft.Extensions.Options;
using SearchEngine.Core.Media;
using SearchEngine.Fingerprints;
using SearchEngine.Media;
using SearchEngine.Retrieval.Filtering;
using SearchEngine.Serving;
using SearchEngine.Storage.Filtering;

namespace SearchEngine.Retrieval.Fingerprints;

/// <summary>
/// Finds the recordings a query's clip was cut from, and where: the clip's fingerprint against the collection's
/// fingerprint index. Matches of documents the query's filter excludes are dropped, as the semantic results are.
/// Without an extractor (fingerprints not registered) or with <c>Fingerprints:Enabled</c> off it finds nothing.
/// Extraction and matching run under the <see cref="QueryDecodeGate"/>, like decoding and embedding the clip, so the
/// CPU a burst of uploads takes stays bounded.
/// </summary>
public sealed class ExactMatcher(
    DocumentFilterQuery filters, QueryDecodeGate gate, FingerprintExtractor? extractor = null, IOptions<FingerprintOptions>? options = null)
{
    private readonly bool _enabled = extractor is not null && options?.Value.Enabled != false;

    /// <summary>At most <paramref name="limit"/> verified matches of <paramref name="sound"/>, most confident first, that pass <paramref name="filter"/>.</summary>
    public async Task<IReadOnlyList<FingerprintMatch>> MatchAsync(
        ServedCollection served, AudioClip? sound, QueryFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(filter);
        if (!_enabled || served.Fingerprints is not { DocumentCount: > 0 } index || sound is not { Samples.Length: > 0 })
        {
            return [];
        }

        IReadOnlyList<FingerprintMatch> matches;
        using (await gate.EnterAsync(cancellationToken))
        {
            // The clip read at a few speeds, so a slightly sped-up or slowed copy is still found.
            var variants = extractor!.ExtractQuery(sound.Samples, sound.SampleRate);
            // Asked for more than the page when a filter may drop some, so that a filtered page is not short for it.
            matches = index.Match(variants, filter.Filter.IsEmpty ? limit : 4 * limit, cancellationToken);
        }

        if (matches.Count == 0 || filter.Filter.IsEmpty)
        {
            return matches;
        }

        var candidates = new long[matches.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = matches[i].DocumentId;
        }

        var passing = await filters.PassingDocumentIdsAsync(served.Info.Id, filter.Filter, candidates, cancellationToken);
        return [.. matches.Where(m => passing.Contains(m.DocumentId)).Take(limit)];
    }
}
