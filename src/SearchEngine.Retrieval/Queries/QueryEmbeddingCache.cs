using System.Security.Cryptography;
using System.Text;

namespace SearchEngine.Retrieval.Queries;

/// <summary>
/// A least-recently-used cache of query embeddings bounded in bytes, keyed by a SHA-256 of the pack fingerprint, the
/// query direction and the normalized input. Popular queries repeat (typed, paged, shared as links), and a tower call
/// costs far more than a look-up. The key is a hash so that a long query costs the cache its vector and nothing more,
/// and no query text stays in memory after its request. Thread-safe; one lock around a dictionary and a linked list is
/// enough at the rate queries arrive.
/// </summary>
public sealed class QueryEmbeddingCache
{
    /// <summary>The direction of text queries.</summary>
    public const string TextDirection = "text";

    // What an entry costs besides its floats: the array header, the linked-list node, the entry record and its
    // dictionary slot with the 32-byte key (measured roughly; the bound only needs the right order of magnitude).
    private const int EntryOverheadBytes = 160;

    private readonly long _capacityBytes;
    private readonly Dictionary<QueryKey, LinkedListNode<Entry>> _map = new();
    private readonly LinkedList<Entry> _order = new();
    private readonly Lock _gate = new();
    private long _bytes;

    /// <summary>Creates a cache holding at most <paramref name="capacityBytes"/> bytes of embeddings.</summary>
    public QueryEmbeddingCache(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        _capacityBytes = capacityBytes;
    }

    /// <summary>Number of cached embeddings.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _map.Count;
            }
        }
    }

    /// <summary>The bytes the cached embeddings are counted at; never more than the capacity.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>What one embedding of <paramref name="dimension"/> floats is counted at.</summary>
    public static long EntryBytes(int dimension) => (dimension * (long)sizeof(float)) + EntryOverheadBytes;

    /// <summary>The cached embedding of text <paramref name="text"/> for <paramref name="packFingerprint"/>, computing and caching it on a miss.</summary>
    public float[] GetOrAdd(string packFingerprint, string text, Func<string, float[]> embed) =>
        GetOrAdd(packFingerprint, TextDirection, text, embed);

    /// <summary>
    /// The cached embedding of <paramref name="input"/> for <paramref name="packFingerprint"/> and
    /// <paramref name="direction"/>, computing it with <paramref name="embed"/> (given the normalized input) on a miss.
    /// </summary>
    public float[] GetOrAdd(string packFingerprint, string direction, string input, Func<string, float[]> embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        var (key, normalized) = KeyOf(packFingerprint, direction, input);
        // Embed outside the lock: concurrent misses for one key may both compute, which is harmless and keeps hits fast.
        return TryGet(key, out var cached) ? cached : Store(key, embed(normalized));
    }

    /// <summary>
    /// <see cref="GetOrAdd(string, string, Func{string, float[]})"/> for text with an embedding that completes later (a
    /// batched tower call, <see cref="TextQueryBatcher"/>); a hit completes at once.
    /// </summary>
    public async ValueTask<float[]> GetOrAddAsync(string packFingerprint, string text, Func<string, Task<float[]>> embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        var (key, normalized) = KeyOf(packFingerprint, TextDirection, text);
        return TryGet(key, out var cached) ? cached : Store(key, await embed(normalized).ConfigureAwait(false));
    }

    private static (QueryKey Key, string Normalized) KeyOf(string packFingerprint, string direction, string input)
    {
        ArgumentNullException.ThrowIfNull(packFingerprint);
        ArgumentNullException.ThrowIfNull(direction);
        var normalized = Normalize(input);
        return (QueryKey.Of(packFingerprint, direction, normalized), normalized);
    }

    private bool TryGet(QueryKey key, out float[] vector)
    {
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                vector = node.Value.Vector;
                return true;
            }
        }

        vector = [];
        return false;
    }

    private float[] Store(QueryKey key, float[] vector)
    {
        var bytes = EntryBytes(vector.Length);
        lock (_gate)
        {
            if (_map.TryGetValue(key, out var existing))
            {
                return existing.Value.Vector;
            }

            if (bytes > _capacityBytes)
            {
                return vector;
            }

            _map[key] = _order.AddFirst(new Entry(key, vector, bytes));
            _bytes += bytes;
            while (_bytes > _capacityBytes)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
                _bytes -= last.Value.Bytes;
            }
        }

        return vector;
    }

    /// <summary>
    /// Queries that differ only in surrounding or repeated whitespace share one embedding. Case is kept: some tokenizers
    /// (RoBERTa, for CLAP) are case-sensitive, so folding it here would change what the tower sees.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record Entry(QueryKey Key, float[] Vector, long Bytes);

    /// <summary>SHA-256 of the key's parts, each length-prefixed so that no two different keys run together.</summary>
    private readonly record struct QueryKey(UInt128 High, UInt128 Low)
    {
        public static QueryKey Of(string pack, string direction, string input)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var part in new[] { pack, direction, input })
            {
                hash.AppendData(BitConverter.GetBytes(part.Length));
                hash.AppendData(Encoding.UTF8.GetBytes(part));
            }

            Span<byte> digest = stackalloc byte[32];
            hash.GetHashAndReset(digest);
            return new QueryKey(
                System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(digest[..16]),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(digest[16..]));
        }
    }
}
