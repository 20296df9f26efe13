namespace SearchEngine.Fingerprints;

public sealed partial class FingerprintIndex
{
    // A bucket this many times longer than the average is a hash too common to tell recordings apart (hum, silence
    // edges); querying it costs time and adds only chance votes.
    private const int CommonBucketFactor = 40;
    private const int MinCommonBucket = 4096;

    /// <summary>The verified matches of <paramref name="query"/>, most confident first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<FingerprintMatch> Match(Fingerprint query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Match([query], limit);
    }

    /// <summary>
    /// The verified matches of any of <paramref name="variants"/> (one clip read at several speeds, see
    /// <see cref="FingerprintExtractor.ExtractQuery"/>), the best per document, most confident first, at most <paramref name="limit"/>.
    /// </summary>
    public IReadOnlyList<FingerprintMatch> Match(IReadOnlyList<Fingerprint> variants, int limit)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0)
        {
            return [];
        }

        var best = new Dictionary<long, FingerprintMatch>();
        foreach (var variant in variants)
        {
            ArgumentNullException.ThrowIfNull(variant);
            _lock.EnterReadLock();
            try
            {
                MatchOne(variant, limit, best);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        var matches = best.Values.ToList();
        matches.Sort(static (a, b) => b.Confidence != a.Confidence ? b.Confidence.CompareTo(a.Confidence) : b.Votes.CompareTo(a.Votes));
        return matches.Count > limit ? matches.GetRange(0, limit) : matches;
    }

    private void MatchOne(Fingerprint query, int limit, Dictionary<long, FingerprintMatch> best)
    {
        if (_livePostings == 0 || query.Landmarks.Length == 0)
        {
            return;
        }

        if (Math.Abs(query.FrameSeconds - _frameSeconds) > 1e-9)
        {
            throw new ArgumentException($"The query's frames are {query.FrameSeconds} s apart; this index holds frames {_frameSeconds} s apart.", nameof(query));
        }

        var common = Math.Max(MinCommonBucket, CommonBucketFactor * ((_livePostings + _deadPostings) / BucketCount));
        long votesCast = 0;
        foreach (var landmark in query.Landmarks)
        {
            var length = landmark.Hash < BucketCount ? _lengths[landmark.Hash] : 0;
            if (length <= common)
            {
                votesCast += length;
            }
        }

        if (votesCast == 0)
        {
            return;
        }

        var table = VoteTable.Rent(votesCast);
        foreach (var landmark in query.Landmarks)
        {
            if (landmark.Hash >= BucketCount)
            {
                continue;
            }

            var length = _lengths[landmark.Hash];
            if (length == 0 || length > common)
            {
                continue;
            }

            var bucket = _buckets[landmark.Hash]!.AsSpan(0, length);
            var frame = (uint)landmark.Frame;
            foreach (var posting in bucket)
            {
                table.Add(unchecked(posting - frame), posting);
            }
        }

        var minVotes = Math.Max(2, _options.MinVotes);
        var keySpace = (long)_nextStart - FirstStart;
        var considered = Math.Max(8, limit * 4);
        var candidates = new List<(uint Key, int Votes, uint Posting)>(considered + 1);
        for (var i = 0; i < table.UsedCount; i++)
        {
            var (key, count, posting) = table.Entry(i);
            // Votes split over ±1 frame still count, so a key with a third of the least is worth the lookups.
            if (count * 3 < minVotes)
            {
                continue;
            }

            var before = table.Count(unchecked(key - 1));
            var after = table.Count(unchecked(key + 1));
            // Only the local maximum of a ±1 window speaks for it (ties go to the earlier key).
            if (before >= count || after > count)
            {
                continue;
            }

            var votes = before + count + after;
            if (votes < minVotes)
            {
                continue;
            }

            if (candidates.Count == considered && votes <= candidates[^1].Votes)
            {
                continue;
            }

            var at = candidates.Count;
            while (at > 0 && candidates[at - 1].Votes < votes)
            {
                at--;
            }

            candidates.Insert(at, (key, votes, posting));
            if (candidates.Count > considered)
            {
                candidates.RemoveAt(candidates.Count - 1);
            }
        }

        foreach (var (key, votes, posting) in candidates)
        {
            var span = SpanOf(posting);
            if (span is null || !span.Live)
            {
                continue;
            }

            var confidence = ChanceModel.Confidence(votes, votesCast, keySpace);
            if (confidence < _options.MinConfidence)
            {
                continue;
            }

            // The offset to a fraction of a frame: the votes' centre of mass over the ±1 window.
            var before = table.Count(unchecked(key - 1));
            var after = table.Count(unchecked(key + 1));
            var frames = unchecked((int)(key - span.Start)) + ((double)(after - before) / votes);
            var offset = frames * _frameSeconds;
            var match = new FingerprintMatch(
                span.DocumentId,
                offset,
                Math.Max(0, offset),
                Math.Min(span.DurationSeconds, offset + query.DurationSeconds),
                confidence,
                votes);
            if (!best.TryGetValue(span.DocumentId, out var known) || known.Confidence < confidence || (known.Confidence == confidence && known.Votes < votes))
            {
                best[span.DocumentId] = match;
            }
        }
    }
}
