using System.Diagnostics.CodeAnalysis;

namespace SearchEngine.Fingerprints;

/// <summary>
/// The in-memory inverted index of a collection's fingerprints: hash → postings (document, frame). Matching votes for
/// (document, offset) pairs and verifies the best. <see cref="Match(Fingerprint, int)"/> may run while <see cref="Add"/> and
/// <see cref="Remove"/> change the index.
/// </summary>
/// <remarks>
/// A posting is one <see cref="uint"/>: the document's start in a global frame space plus the landmark's frame
/// (<see cref="DocumentSpan"/>), 4 bytes where (document, frame) would take 8; 2³² frames of 16 ms hold about 19,000
/// hours. Buckets are indexed by the hash itself, so the hash costs no bytes. Removing a document only marks its span;
/// its postings are dropped, and the frame space renumbered, by a compaction once dead postings outnumber live ones
/// or the frame space runs out.
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The lock holds no unmanaged resource until a contended wait creates its events, and those are SafeHandles the finalizer frees; an index lives as long as its collection.")]
public sealed partial class FingerprintIndex
{
    private const int BucketCount = 1 << LandmarkHash.Bits;

    // Frame-space room left between documents, so a ±1-frame vote window never spans two of them.
    private const uint SpanGap = 64;

    // The first document starts here, so a key (posting − query frame) of a clip that starts before its source seldom wraps.
    private const uint FirstStart = 1u << 20;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly uint[]?[] _buckets = new uint[BucketCount][];
    private readonly int[] _lengths = new int[BucketCount];
    private readonly Dictionary<long, DocumentSpan> _live = [];
    private readonly FingerprintOptions _options;
    private List<DocumentSpan> _spans = [];
    private uint _nextStart = FirstStart;
    private long _livePostings;
    private long _deadPostings;
    private double _frameSeconds;

    /// <summary>An empty index that matches with the default <see cref="FingerprintOptions"/>.</summary>
    public FingerprintIndex()
        : this(new FingerprintOptions())
    {
    }

    /// <summary>An empty index that matches with <paramref name="options"/>.</summary>
    public FingerprintIndex(FingerprintOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Documents held.</summary>
    public int DocumentCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _live.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Postings (landmarks) of the documents held.</summary>
    public long PostingCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _livePostings;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Adds (or replaces) <paramref name="documentId"/>'s fingerprint.</summary>
    public void Add(long documentId, Fingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var landmarks = fingerprint.Landmarks;
        foreach (var landmark in landmarks)
        {
            if (landmark.Hash >= BucketCount)
            {
                throw new ArgumentException($"Landmark hash {landmark.Hash} does not fit the index's {LandmarkHash.Bits}-bit layout.", nameof(fingerprint));
            }
        }

        var lastFrame = landmarks.Length == 0 ? 0 : landmarks[^1].Frame;
        var frames = (int)Math.Min(int.MaxValue - 1, Math.Max(lastFrame + 1L, (long)Math.Ceiling(fingerprint.DurationSeconds / fingerprint.FrameSeconds)));
        _lock.EnterWriteLock();
        try
        {
            if (_live.Count == 0 && _spans.Count == 0)
            {
                _frameSeconds = fingerprint.FrameSeconds;
            }
            else if (Math.Abs(_frameSeconds - fingerprint.FrameSeconds) > 1e-9)
            {
                throw new ArgumentException($"The fingerprint's frames are {fingerprint.FrameSeconds} s apart; this index holds frames {_frameSeconds} s apart.", nameof(fingerprint));
            }

            if (_live.TryGetValue(documentId, out var replaced))
            {
                Kill(replaced);
            }

            if ((ulong)_nextStart + (ulong)frames + SpanGap > uint.MaxValue)
            {
                Compact();
                if ((ulong)_nextStart + (ulong)frames + SpanGap > uint.MaxValue)
                {
                    throw new InvalidOperationException("The fingerprint index's frame space is full (about 19,000 hours of sound).");
                }
            }

            var span = new DocumentSpan(documentId, _nextStart, frames, fingerprint.DurationSeconds, landmarks.Length);
            _nextStart += (uint)frames + SpanGap;
            foreach (var landmark in landmarks)
            {
                Append(landmark.Hash, span.Start + (uint)landmark.Frame);
            }

            _spans.Add(span);
            _live[documentId] = span;
            _livePostings += landmarks.Length;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes <paramref name="documentId"/>; false when it was not there.</summary>
    public bool Remove(long documentId)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_live.TryGetValue(documentId, out var span))
            {
                return false;
            }

            Kill(span);
            if (_deadPostings > 1_000_000 && _deadPostings > _livePostings)
            {
                Compact();
            }

            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes every document.</summary>
    public void Clear()
    {
        _lock.EnterWriteLock();
        try
        {
            Array.Clear(_buckets);
            Array.Clear(_lengths);
            _live.Clear();
            _spans = [];
            _nextStart = FirstStart;
            _livePostings = 0;
            _deadPostings = 0;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void Kill(DocumentSpan span)
    {
        span.Live = false;
        _live.Remove(span.DocumentId);
        _livePostings -= span.Postings;
        _deadPostings += span.Postings;
    }

    private void Append(uint hash, uint posting)
    {
        var bucket = _buckets[hash];
        var length = _lengths[hash];
        if (bucket is null || length == bucket.Length)
        {
            // Grow by half, not double: postings are most of the index's memory.
            var grown = new uint[Math.Max(4, length + (length >> 1))];
            bucket?.AsSpan(0, length).CopyTo(grown);
            _buckets[hash] = bucket = grown;
        }

        bucket[length] = posting;
        _lengths[hash] = length + 1;
    }

    /// <summary>The span holding global frame <paramref name="posting"/>, live or not; null when none does.</summary>
    private DocumentSpan? SpanOf(uint posting)
    {
        var spans = _spans;
        int lo = 0, hi = spans.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (spans[mid].Start <= posting)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return hi >= 0 && posting - spans[hi].Start < (uint)spans[hi].Frames + SpanGap ? spans[hi] : null;
    }

    /// <summary>Drops dead postings and renumbers the live spans from <see cref="FirstStart"/>; runs under the write lock.</summary>
    private void Compact()
    {
        var newStarts = new uint[_spans.Count];
        var next = FirstStart;
        for (var i = 0; i < _spans.Count; i++)
        {
            if (_spans[i].Live)
            {
                newStarts[i] = next;
                next += (uint)_spans[i].Frames + SpanGap;
            }
        }

        for (var h = 0; h < BucketCount; h++)
        {
            var bucket = _buckets[h];
            if (bucket is null)
            {
                continue;
            }

            var kept = 0;
            for (var i = 0; i < _lengths[h]; i++)
            {
                var index = IndexOfSpan(bucket[i]);
                if (index >= 0 && _spans[index].Live)
                {
                    bucket[kept++] = bucket[i] - _spans[index].Start + newStarts[index];
                }
            }

            _lengths[h] = kept;
            if (kept == 0)
            {
                _buckets[h] = null;
            }
            else if (kept < bucket.Length / 2)
            {
                _buckets[h] = bucket.AsSpan(0, kept).ToArray();
            }
        }

        var live = new List<DocumentSpan>(_live.Count);
        for (var i = 0; i < _spans.Count; i++)
        {
            if (_spans[i].Live)
            {
                _spans[i].Start = newStarts[i];
                live.Add(_spans[i]);
            }
        }

        _spans = live;
        _nextStart = next;
        _deadPostings = 0;
    }

    private int IndexOfSpan(uint posting)
    {
        int lo = 0, hi = _spans.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_spans[mid].Start <= posting)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return hi;
    }
}
