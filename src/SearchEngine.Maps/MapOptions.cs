namespace SearchEngine.Maps;

/// <summary>How embedding maps are kept (configuration section <see cref="SectionName"/>).</summary>
public sealed class MapOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Maps";

    /// <summary>
    /// Share of a map's documents that may be placed by neighbours or removed before the whole layout is computed again.
    /// </summary>
    public double RecomputeFraction { get; set; } = 0.1;

    /// <summary>How often the background service looks for changes in the collections whose map was asked for.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many nearest mapped documents a new document is placed among (at their mean).</summary>
    public int PlacementNeighbours { get; set; } = 5;

    /// <summary>Threads for a layout (0: all cores).</summary>
    public int Threads { get; set; }

    /// <summary>Seed of the layout.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>What the page is told to wait (Retry-After) while the first layout of a collection is computed.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
