using Microsoft.Extensions.Options;
using SearchEngine.Core;
using SearchEngine.Maps.Umap;

namespace SearchEngine.Maps;

/// <summary>
/// Makes a collection's next map from its current document vectors: a full UMAP layout when there is no map yet or the
/// documents placed by neighbours and removed since the last one would pass <see cref="MapOptions.RecomputeFraction"/>,
/// otherwise the previous map with removed documents dropped and new ones placed among their nearest mapped neighbours.
/// </summary>
public sealed class MapBuilder(IOptions<MapOptions> options)
{
    private readonly MapOptions _options = options.Value;

    /// <summary>True when the next map from <paramref name="previous"/> to <paramref name="current"/> is a full layout.</summary>
    public bool NeedsLayout(CollectionMap? previous, DocumentVectors current, out int added, out int removed)
    {
        ArgumentNullException.ThrowIfNull(current);
        added = removed = 0;
        if (previous is null || previous.Count == 0)
        {
            return true;
        }

        var now = new HashSet<long>(current.Ids);
        var before = new HashSet<long>(previous.DocumentIds);
        added = current.Ids.Count(id => !before.Contains(id));
        removed = previous.DocumentIds.Count(id => !now.Contains(id));
        return previous.Drift + added + removed > _options.RecomputeFraction * Math.Max(1, current.Count) || added == current.Count;
    }

    /// <summary>The map of <paramref name="current"/>, reusing <paramref name="previous"/> when few documents changed.</summary>
    public CollectionMap Build(CollectionMap? previous, DocumentVectors current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var ids = current.Ids.ToArray();
        var modalities = current.Modalities.ToArray();
        if (NeedsLayout(previous, current, out var added, out var removed))
        {
            var layout = UmapLayout.Compute(current.Rows, current.Count, current.Dimension, new UmapOptions { Seed = _options.Seed, Threads = _options.Threads });
            return new CollectionMap(current.Sequence, 0, ids, layout, modalities);
        }

        // Keep every surviving point where it was; place the new ones among the survivors' vectors.
        var positionOf = new Dictionary<long, int>(previous!.Count);
        for (var i = 0; i < previous.Count; i++)
        {
            positionOf[previous.DocumentIds[i]] = i;
        }

        var dimension = current.Dimension;
        var rows = current.Rows.Span;
        var coordinates = new float[2 * current.Count];
        var keptRows = new float[(current.Count - added) * dimension];
        var keptCoordinates = new float[2 * (current.Count - added)];
        var newRows = new float[added * dimension];
        var newAt = new int[added];
        int kept = 0, fresh = 0;
        for (var i = 0; i < current.Count; i++)
        {
            if (positionOf.TryGetValue(ids[i], out var at))
            {
                coordinates[2 * i] = keptCoordinates[2 * kept] = previous.Coordinates[2 * at];
                coordinates[(2 * i) + 1] = keptCoordinates[(2 * kept) + 1] = previous.Coordinates[(2 * at) + 1];
                rows.Slice(i * dimension, dimension).CopyTo(keptRows.AsSpan(kept * dimension));
                kept++;
            }
            else
            {
                rows.Slice(i * dimension, dimension).CopyTo(newRows.AsSpan(fresh * dimension));
                newAt[fresh++] = i;
            }
        }

        var placed = NeighbourPlacement.Place(newRows, added, keptRows, kept, keptCoordinates, dimension, _options.PlacementNeighbours, _options.Threads);
        for (var n = 0; n < added; n++)
        {
            coordinates[2 * newAt[n]] = placed[2 * n];
            coordinates[(2 * newAt[n]) + 1] = placed[(2 * n) + 1];
        }

        return new CollectionMap(current.Sequence, previous.Drift + added + removed, ids, coordinates, modalities);
    }
}
