namespace SearchEngine.Training.Training;

/// <summary>
/// One caption an item may be paired with, and the group of that pair: pairs of one group (captions of one image, one
/// sound class, one AudioSet label) are positives of each other in the contrastive loss.
/// </summary>
/// <param name="Id">The caption's id in the run's <see cref="SentenceBank"/>.</param>
/// <param name="Group">The pair's group.</param>
public readonly record struct CaptionRef(int Id, long Group);

/// <summary>Items of one modality (images or clips, by index into their bank), each with the captions it may be paired with.</summary>
/// <param name="Items">Per entry, the index of the item in its bank (an item may be listed more than once to weight it).</param>
/// <param name="Captions">Per entry, its captions.</param>
public sealed record CaptionedSet(IReadOnlyList<int> Items, IReadOnlyList<CaptionRef[]> Captions)
{
    /// <summary>Number of entries.</summary>
    public int Count => Items.Count;
}
