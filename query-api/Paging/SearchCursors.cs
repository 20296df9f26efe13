using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SearchEngine.Retrieval;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.QueryApi.Paging;

/// <summary>
/// Cursor paging. A page that may have a next one gets an opaque <c>next_cursor</c>: base64url of a random id for the
/// paged query, how many results the pages so far have shown, and the query's <see cref="QueryFingerprint"/>. This
/// process remembers, per id, the documents shown (at most Retrieval:MaxPagingDepth), so the next page is ranked over
/// them too and leaves them out: no duplicates, no gaps, and each page costs at most one ranking of that depth.
/// Remembered per process, for <see cref="CursorOptions.Lifetime"/>, at most <see cref="CursorOptions.MaxQueries"/>
/// queries; a cursor that outlived that answers 400 naming it, and the client searches again from the first page.
/// </summary>
public sealed class SearchCursors(IOptions<CursorOptions> options, IOptions<RetrievalOptions> retrieval, TimeProvider clock)
{
    private const byte Version = 1;
    private const int IdLength = 16;
    private const int TokenLength = 1 + IdLength + 4 + QueryFingerprint.Length;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, PagedQuery> _queries = [];

    /// <summary>
    /// The documents the pages before <paramref name="cursor"/> showed, for the query whose fingerprint is
    /// <paramref name="fingerprint"/>; empty for no cursor. Throws a 400 naming <c>cursor</c> when it is malformed,
    /// from another query, or forgotten.
    /// </summary>
    public IReadOnlyList<long> Resume(string? cursor, byte[] fingerprint)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return [];
        }

        var (id, offset, issuedFor) = Parse(cursor);
        if (!CryptographicOperations.FixedTimeEquals(issuedFor, fingerprint))
        {
            throw new QueryException("cursor",
                "cursor belongs to another query: send it with exactly the parameters (and file) of the search that returned it, or leave it out to start again.");
        }

        lock (_gate)
        {
            if (!_queries.TryGetValue(id, out var paged) || paged.Expires <= clock.GetUtcNow() || paged.Shown.Count < offset)
            {
                throw new QueryException("cursor",
                    $"cursor has expired (cursors last {options.Value.Lifetime.TotalMinutes:0.#} minutes, QueryApi:Cursors:Lifetime); search again from the first page.");
            }

            // A cursor used twice (a retried request) pages from where it was issued, not from where the last page ended.
            return paged.Shown.GetRange(0, offset);
        }
    }

    /// <summary>
    /// The cursor of the page after this one, or null when there is none: a page shorter than k (the results ran
    /// out), or the paging depth reached. <paramref name="cursor"/> is the one this page was asked with.
    /// </summary>
    public string? Next(string? cursor, byte[] fingerprint, IReadOnlyList<long> shown, SearchResult page, int k)
    {
        ArgumentNullException.ThrowIfNull(page);
        var offset = shown.Count + page.Hits.Count;
        if (page.Hits.Count < k || offset + k > retrieval.Value.MaxPagingDepth)
        {
            return null;
        }

        var id = string.IsNullOrEmpty(cursor) ? Guid.NewGuid() : Parse(cursor).Id;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_queries.TryGetValue(id, out var paged))
            {
                // A first page, or a query forgotten while this page was ranked: it starts from what this page was asked with.
                MakeRoom(now);
                _queries[id] = paged = new PagedQuery();
                paged.Shown.AddRange(shown);
            }
            else if (paged.Shown.Count > shown.Count)
            {
                // A cursor used again: the pages after it are ranked anew from here.
                paged.Shown.RemoveRange(shown.Count, paged.Shown.Count - shown.Count);
            }

            paged.Shown.AddRange(page.Hits.Select(h => h.Document.Id));
            paged.Expires = now + options.Value.Lifetime;
        }

        return Format(id, offset, fingerprint);
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var expired in _queries.Where(q => q.Value.Expires <= now).Select(q => q.Key).ToList())
        {
            _queries.Remove(expired);
        }

        while (_queries.Count >= Math.Max(1, options.Value.MaxQueries))
        {
            // Expiry moves with each page, so the earliest to expire is the one paged least recently.
            _queries.Remove(_queries.MinBy(q => q.Value.Expires).Key);
        }
    }

    private static string Format(Guid id, int offset, byte[] fingerprint)
    {
        var token = new byte[TokenLength];
        token[0] = Version;
        id.TryWriteBytes(token.AsSpan(1, IdLength));
        BinaryPrimitives.WriteInt32BigEndian(token.AsSpan(1 + IdLength, 4), offset);
        fingerprint.CopyTo(token.AsSpan(1 + IdLength + 4));
        return WebEncoders.Base64UrlEncode(token);
    }

    private static (Guid Id, int Offset, byte[] Fingerprint) Parse(string cursor)
    {
        byte[] token;
        try
        {
            token = cursor.Length <= 2 * TokenLength ? WebEncoders.Base64UrlDecode(cursor) : [];
        }
        catch (FormatException)
        {
            token = [];
        }

        if (token.Length != TokenLength || token[0] != Version)
        {
            throw new QueryException("cursor", "cursor is not a cursor this service issued: pass the next_cursor of a search response unchanged.");
        }

        var offset = BinaryPrimitives.ReadInt32BigEndian(token.AsSpan(1 + IdLength, 4));
        if (offset < 0)
        {
            throw new QueryException("cursor", "cursor is not a cursor this service issued: pass the next_cursor of a search response unchanged.");
        }

        return (new Guid(token.AsSpan(1, IdLength)), offset, token[(1 + IdLength + 4)..]);
    }

    private sealed class PagedQuery
    {
        public List<long> Shown { get; } = [];

        public DateTimeOffset Expires { get; set; }
    }
}
