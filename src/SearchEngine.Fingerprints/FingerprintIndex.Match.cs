using System.Buffers;

namespace SearchEngine.Fingerprints;

public sealed partial class FingerprintIndex
{
    // A bucket this many times longer than the average is a hash too common to tell recordings apart (hum, silence
    // edges); querying it costs time and adds only chance votes.
    private const int CommonBucketFactor = 40;
    private const int MinCommonBucket = 4096;

    // Verification's unit of spread: a quarter second, about one syllable, so one shared word cannot cover many.
    private const int StretchFrames = 16;

    /// <summary>The verified matches of <paramref name="query"/>, most confident first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<FingerprintMatch> Match(Fingerprint query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Match([query], limit, CancellationToken.None);
    }

    /// <summary>
    /// The verified matches of any of <paramref name="variants"/> (one clip read at several speeds, see
    /// <see cref="FingerprintExtractor.ExtractQuery"/>), the best per document, most confident first, at most <paramref name="limit"/>.
    /// </summary>
    public IReadOnlyList<FingerprintMatch> Match(IReadOnlyList<Fingerprint> variants, int limit) => Match(variants, limit, CancellationToken.None);

    /// <summary>
    /// The verified matches of any of <paramref name="variants"/>, the best per document, most confident first, at most
    /// <paramref name="limit"/>; <paramref name="cancellationToken"/> is checked between variants.
    /// </summary>
    public IReadOnlyList<FingerprintMatch> Match(IReadOnlyList<Fingerprint> variants, int limit, CancellationToken cancellationToken)
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
            cancellationToken.ThrowIfCancellationRequested();
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

        var keySpace = Math.Max(1L, (long)_nextStart - FirstStart);
        var common = Math.Max(MinCommonBucket, CommonBucketFactor * ((_livePostings + _deadPostings) / BucketCount));

        // Votes cast, and the frames a random key would see hit by chance: each clip frame is hit at a random key with
        // probability 3 × (its votes) / keys (3 for the ±1-frame tolerance).
        long votesCast = 0;
        var chanceFrames = 0.0;
        var frameVotes = 0L;
        var lastFrame = -1;
        foreach (var landmark in query.Landmarks)
        {
            if (landmark.Frame != lastFrame)
            {
                chanceFrames += Math.Min(1.0, 3.0 * frameVotes / keySpace);
                frameVotes = 0;
                lastFrame = landmark.Frame;
            }

            var length = landmark.Hash < BucketCount ? _lengths[landmark.Hash] : 0;
            if (length <= common)
            {
                votesCast += length;
                frameVotes += length;
            }
        }

        chanceFrames += Math.Min(1.0, 3.0 * frameVotes / keySpace);
        if (votesCast == 0)
        {
            return;
        }

        var voters = ArrayPool<bool>.Shared.Rent(query.Landmarks.Length);
        try
        {
            var voting = ChooseVoters(query, common, voters.AsSpan(0, query.Landmarks.Length), out var votesToCast);
            var table = Vote(query, voters, votesToCast);
            Verify(query, limit, best, table, keySpace, chanceFrames, (double)voting / query.Landmarks.Length);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(voters);
        }
    }

    /// <summary>
    /// Marks the landmarks that vote: all of them while the votes fit <see cref="FingerprintOptions.MaxVotes"/>, else
    /// those with the shortest buckets (the rarest hashes, which say the most) until it is spent. Verification still
    /// checks every landmark, so this bounds the work of a query in a large index without losing evidence.
    /// </summary>
    private int ChooseVoters(Fingerprint query, long common, Span<bool> voters, out long votesToCast)
    {
        var landmarks = query.Landmarks;
        var budget = Math.Max(1, _options.MaxVotes);
        long total = 0;
        for (var i = 0; i < landmarks.Length; i++)
        {
            var length = landmarks[i].Hash < BucketCount ? _lengths[landmarks[i].Hash] : 0;
            voters[i] = length > 0 && length <= common;
            total += voters[i] ? length : 0;
        }

        if (total <= budget)
        {
            votesToCast = total;
            return landmarks.Length;
        }

        var order = ArrayPool<long>.Shared.Rent(landmarks.Length);
        try
        {
            // Bucket length in the high bits, landmark index in the low: one sort orders by length.
            var n = 0;
            for (var i = 0; i < landmarks.Length; i++)
            {
                if (voters[i])
                {
                    order[n++] = ((long)_lengths[landmarks[i].Hash] << 32) | (uint)i;
                }
            }

            Array.Sort(order, 0, n);
            voters.Clear();
            votesToCast = 0;
            var voting = 0;
            for (var k = 0; k < n; k++)
            {
                var length = order[k] >> 32;
                if (votesToCast + length > budget && voting > 0)
                {
                    break;
                }

                voters[(int)(order[k] & 0xFFFFFFFF)] = true;
                votesToCast += length;
                voting++;
            }

            return voting;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(order);
        }
    }

    private void Verify(Fingerprint query, int limit, Dictionary<long, FingerprintMatch> best, VoteTable table, long keySpace, double chanceFrames, double votingShare)
    {
        var minFrames = Math.Max(2, _options.MinFrames);
        var minStretches = Math.Max(_options.MinStretches, (int)Math.Ceiling(_options.MinStretchShare * SoundingStretches(query)));
        // With only some landmarks voting, a real match's votes shrink in proportion; verification restores them.
        var minVotes = Math.Max(3, (int)Math.Ceiling(minFrames * votingShare));
        var considered = Math.Max(16, limit * 4);
        var candidates = new List<(uint Key, int Votes, uint Posting)>(considered + 1);
        for (var i = 0; i < table.UsedCount; i++)
        {
            var (key, count, posting) = table.Entry(i);
            // Votes split over ±1 frame still count, so a key with a third of the least is worth the lookups; single
            // votes are most of the table and never the peak of a real match, so they are not.
            if (count < 2 || count * 3 < minVotes)
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
            if (votes < minVotes || (candidates.Count == considered && votes <= candidates[^1].Votes))
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

            var evidence = Evidence(query, key);
            var confidence = ChanceModel.Confidence(evidence.Frames, chanceFrames, keySpace);
            if (evidence.Frames < minFrames || evidence.Stretches < minStretches || confidence < _options.MinConfidence)
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
                evidence.Hits);
            if (!best.TryGetValue(span.DocumentId, out var known) || known.Confidence < confidence || (known.Confidence == confidence && known.Votes < match.Votes))
            {
                best[span.DocumentId] = match;
            }
        }
    }

    /// <summary>The vote histogram: every posting of every voting landmark's bucket votes for (posting − landmark frame).</summary>
    private VoteTable Vote(Fingerprint query, bool[] voters, long votesToCast)
    {
        var table = VoteTable.Rent(votesToCast);
        var landmarks = query.Landmarks;
        for (var i = 0; i < landmarks.Length; i++)
        {
            if (!voters[i])
            {
                continue;
            }

            var landmark = landmarks[i];
            var bucket = _buckets[landmark.Hash]!.AsSpan(0, _lengths[landmark.Hash]);
            var frame = (uint)landmark.Frame;
            foreach (var posting in bucket)
            {
                table.Add(unchecked(posting - frame), posting);
            }
        }

        return table;
    }

    /// <summary>
    /// Checks each landmark of <paramref name="query"/> for a posting at <paramref name="key"/> + its frame (±1): a binary
    /// search per landmark, since a bucket's postings are in increasing order (spans are appended at the end of the frame
    /// space, each in frame order, and compaction keeps that order).
    /// </summary>
    private MatchEvidence Evidence(Fingerprint query, uint key)
    {
        var hits = 0;
        var frames = 0;
        var stretches = 0;
        var lastFrame = -1;
        var lastStretch = -1;
        foreach (var landmark in query.Landmarks)
        {
            if (landmark.Hash >= BucketCount || _lengths[landmark.Hash] == 0)
            {
                continue;
            }

            var bucket = _buckets[landmark.Hash]!.AsSpan(0, _lengths[landmark.Hash]);
            var low = unchecked(key + (uint)landmark.Frame - 1);
            var at = LowerBound(bucket, low);
            if (at == bucket.Length || bucket[at] - low > 2)
            {
                continue;
            }

            hits++;
            if (landmark.Frame != lastFrame)
            {
                frames++;
                lastFrame = landmark.Frame;
            }

            if (landmark.Frame / StretchFrames != lastStretch)
            {
                stretches++;
                lastStretch = landmark.Frame / StretchFrames;
            }
        }

        return new MatchEvidence(hits, frames, stretches);
    }

    /// <summary>The quarter-second stretches of <paramref name="query"/> that hold at least one landmark.</summary>
    private static int SoundingStretches(Fingerprint query)
    {
        var stretches = 0;
        var last = -1;
        foreach (var landmark in query.Landmarks)
        {
            // Landmarks are in frame order, so a stretch's landmarks are consecutive.
            if (landmark.Frame / StretchFrames != last)
            {
                stretches++;
                last = landmark.Frame / StretchFrames;
            }
        }

        return stretches;
    }

    private static int LowerBound(ReadOnlySpan<uint> sorted, uint value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
