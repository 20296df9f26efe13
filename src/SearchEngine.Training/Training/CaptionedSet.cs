namespace SearchEngine.Training.Training;

/// <summary>
/// Items of one modality (images or clips, by index into their bank), each with the ids of its captions in a
/// <see cref="TextBank"/> and a group: items of one group (one image; one sound class) are positives of each other.
/// </summary>
/// <param name="CaptionIds">Per item, the caption ids it may be paired with.</param>
/// <param name="Groups">Per item, its group.</param>
public sealed record CaptionedSet(IReadOnlyList<int[]> CaptionIds, long[] Groups)
{
    /// <summary>Number of items.</summary>
    public int Count => Groups.Length;
}
