namespace SearchEngine.Maps;

/// <summary>The bounding rectangle of a map's points (all zero for an empty map).</summary>
public readonly record struct MapBounds(float MinX, float MinY, float MaxX, float MaxY)
{
    /// <summary>The bounds of interleaved (x, y) coordinates.</summary>
    public static MapBounds Of(IReadOnlyList<float> coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Count == 0)
        {
            return default;
        }

        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        for (var i = 0; i < coordinates.Count; i += 2)
        {
            minX = Math.Min(minX, coordinates[i]);
            maxX = Math.Max(maxX, coordinates[i]);
            minY = Math.Min(minY, coordinates[i + 1]);
            maxY = Math.Max(maxY, coordinates[i + 1]);
        }

        return new MapBounds(minX, minY, maxX, maxY);
    }
}
