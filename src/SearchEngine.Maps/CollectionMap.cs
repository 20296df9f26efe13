using SearchEngine.Core;

namespace SearchEngine.Maps;

/// <summary>
/// A collection's embedding map: one 2-D point per document, the change-log sequence it reflects, and how many documents
/// were placed by their neighbours (or dropped) since the last full layout. Immutable; its encoded forms are made once.
/// </summary>
public sealed class CollectionMap
{
    private byte[]? _encoded;
    private byte[]? _gzipped;

    /// <summary>Creates a map; <paramref name="coordinates"/> holds 2 interleaved floats (x, y) per document.</summary>
    public CollectionMap(long sequence, int drift, long[] documentIds, float[] coordinates, Modality[] modalities)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        ArgumentNullException.ThrowIfNull(coordinates);
        ArgumentNullException.ThrowIfNull(modalities);
        if (coordinates.Length != 2 * documentIds.Length || modalities.Length != documentIds.Length)
        {
            throw new ArgumentException("One (x, y) pair and one modality per document are needed.", nameof(coordinates));
        }

        Sequence = sequence;
        Drift = drift;
        DocumentIds = documentIds;
        Coordinates = coordinates;
        Modalities = modalities;
        Bounds = MapBounds.Of(coordinates);
    }

    /// <summary>The last change-log sequence whose documents the map holds.</summary>
    public long Sequence { get; }

    /// <summary>Documents placed by their neighbours or removed since the last full layout.</summary>
    public int Drift { get; }

    /// <summary>Number of points.</summary>
    public int Count => DocumentIds.Count;

    /// <summary>Document ids, in the order of <see cref="Coordinates"/>.</summary>
    public IReadOnlyList<long> DocumentIds { get; }

    /// <summary>Interleaved (x, y) per document.</summary>
    public IReadOnlyList<float> Coordinates { get; }

    /// <summary>Each document's modality.</summary>
    public IReadOnlyList<Modality> Modalities { get; }

    /// <summary>The smallest rectangle holding every point.</summary>
    public MapBounds Bounds { get; }

    /// <summary>The map in <see cref="MapFormat"/>, encoded on first use.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded ??= MapFormat.Encode(this);

    /// <summary><see cref="Encoded"/> gzipped, on first use (ids and modalities compress well, coordinates little).</summary>
    public ReadOnlyMemory<byte> Gzipped => _gzipped ??= MapFormat.Gzip(Encoded.Span);
}
