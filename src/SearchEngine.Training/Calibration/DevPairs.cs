using SearchEngine.Embeddings.Calibration;
using SearchEngine.Training.Features;

namespace SearchEngine.Training.Calibration;

/// <summary>
/// The items of a direction as the query API holds them: each item one or more segment vectors (an image one, a clip
/// one per audio window), scored against a query by its best segment, as the API scores a document.
/// </summary>
/// <param name="Segments">Every segment vector, items one after another.</param>
/// <param name="Starts">Where each item's segments start in <paramref name="Segments"/>, plus one entry past the end.</param>
public sealed record SegmentedItems(FeatureMatrix Segments, IReadOnlyList<int> Starts)
{
    /// <summary>Number of items.</summary>
    public int Count => Starts.Count - 1;

    /// <summary>One item per row of <paramref name="rows"/>.</summary>
    public static SegmentedItems OnePerRow(FeatureMatrix rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new SegmentedItems(rows, [.. Enumerable.Range(0, rows.Rows + 1)]);
    }

    /// <summary>One item per matrix, its rows the item's segments.</summary>
    public static SegmentedItems FromGroups(IReadOnlyList<FeatureMatrix> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var width = groups.Count == 0 ? 0 : groups[0].Width;
        var starts = new List<int>(groups.Count + 1) { 0 };
        foreach (var group in groups)
        {
            starts.Add(starts[^1] + group.Rows);
        }

        var values = new float[starts[^1] * width];
        for (var i = 0; i < groups.Count; i++)
        {
            groups[i].Values.CopyTo(values, starts[i] * width);
        }

        return new SegmentedItems(new FeatureMatrix(starts[^1], width, values), starts);
    }
}

/// <summary>
/// One direction's development data: queries, items, which pairs are relevant, which are left out (a query against
/// itself), and which half of the cross-fitting check each pair belongs to.
/// </summary>
/// <param name="Direction">The towers on both sides.</param>
/// <param name="Data">What the data is and what counts as relevant, in words (goes into calibration.json).</param>
/// <param name="Folds">How pairs are split into the two halves of the check, in words.</param>
/// <param name="Queries">Query vectors, one per row.</param>
/// <param name="Items">The items.</param>
/// <param name="Relevant">Whether item i is relevant to query q.</param>
/// <param name="Excluded">Whether the pair (q, i) is not a pair at all (the query itself among the items).</param>
/// <param name="Fold">The half (0 or 1) of pair (q, i); pairs of one source (an image, a recording) share a half.</param>
public sealed record DevPairs(
    ScoreDirection Direction,
    string Data,
    string Folds,
    FeatureMatrix Queries,
    SegmentedItems Items,
    Func<int, int, bool> Relevant,
    Func<int, int, bool> Excluded,
    Func<int, int, int> Fold);
