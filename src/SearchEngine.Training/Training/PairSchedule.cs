namespace SearchEngine.Training.Training;

/// <summary>
/// Walks every (entry, caption) pair of a <see cref="CaptionedSet"/> once per epoch in a shuffled order, so all five
/// captions of every image are seen each epoch instead of one random caption per draw.
/// </summary>
public sealed class PairSchedule
{
    private readonly (int Entry, int Caption)[] pairs;
    private readonly Random random;
    private int next;

    /// <summary>Lists the pairs of <paramref name="set"/>; <paramref name="random"/> shuffles each epoch.</summary>
    public PairSchedule(CaptionedSet set, Random random)
    {
        ArgumentNullException.ThrowIfNull(set);
        pairs = [.. Enumerable.Range(0, set.Count).SelectMany(e => Enumerable.Range(0, set.Captions[e].Length).Select(c => (e, c)))];
        this.random = random;
        next = pairs.Length;
    }

    /// <summary>The next <paramref name="count"/> pairs, starting a new shuffled epoch when the current one runs out.</summary>
    public (int Entry, int Caption)[] Next(int count)
    {
        var batch = new (int, int)[Math.Min(count, pairs.Length)];
        for (var i = 0; i < batch.Length; i++)
        {
            if (next == pairs.Length)
            {
                random.Shuffle(pairs);
                next = 0;
            }

            batch[i] = pairs[next++];
        }

        return batch;
    }
}
