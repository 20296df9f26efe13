namespace SearchEngine.Fingerprints;

/// <summary>
/// The vote histogram of one match: an open-addressing table from vote key (posting − query frame) to count, with one
/// posting kept per key to find the document. One table per thread is reused, so matching allocates nothing per posting.
/// </summary>
internal sealed class VoteTable
{
    [ThreadStatic]
    private static VoteTable? t_cached;

    private uint[] _keys = new uint[1024];
    private int[] _counts = new int[1024];
    private uint[] _samples = new uint[1024];
    private int[] _used = new int[1024];
    private int _mask = 1023;

    /// <summary>Keys with at least one vote.</summary>
    public int UsedCount { get; private set; }

    /// <summary>This thread's table, emptied and big enough for <paramref name="expectedVotes"/>.</summary>
    public static VoteTable Rent(long expectedVotes)
    {
        var table = t_cached ??= new VoteTable();
        table.Reset(expectedVotes);
        return table;
    }

    /// <summary>Counts a vote for <paramref name="key"/> cast by <paramref name="posting"/>.</summary>
    public void Add(uint key, uint posting)
    {
        var slot = (int)((key * 0x9E3779B1u) >> 7) & _mask;
        while (true)
        {
            if (_counts[slot] == 0)
            {
                _keys[slot] = key;
                _counts[slot] = 1;
                _samples[slot] = posting;
                _used[UsedCount++] = slot;
                return;
            }

            if (_keys[slot] == key)
            {
                _counts[slot]++;
                return;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The votes for <paramref name="key"/>.</summary>
    public int Count(uint key)
    {
        var slot = (int)((key * 0x9E3779B1u) >> 7) & _mask;
        while (_counts[slot] != 0)
        {
            if (_keys[slot] == key)
            {
                return _counts[slot];
            }

            slot = (slot + 1) & _mask;
        }

        return 0;
    }

    /// <summary>The <paramref name="index"/>-th key voted for: its key, count and one posting that voted for it.</summary>
    public (uint Key, int Count, uint Posting) Entry(int index)
    {
        var slot = _used[index];
        return (_keys[slot], _counts[slot], _samples[slot]);
    }

    private void Reset(long expectedVotes)
    {
        for (var i = 0; i < UsedCount; i++)
        {
            _counts[_used[i]] = 0;
        }

        UsedCount = 0;
        // At most half full whatever the votes, so probes stay short.
        var needed = (int)Math.Min(1L << 30, Math.Max(1024, System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, expectedVotes) * 2)));
        if (needed > _keys.Length)
        {
            _keys = new uint[needed];
            _counts = new int[needed];
            _samples = new uint[needed];
            _used = new int[needed];
            _mask = needed - 1;
        }
    }
}
