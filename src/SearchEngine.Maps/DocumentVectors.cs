using System.Numerics.Tensors;
using SearchEngine.Core;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Maps;

/// <summary>
/// One vector per document of a collection: the L2-normalised mean of its segments' vectors, with its modality, as of
/// <see cref="Sequence"/>. Rows are row-major, in document id order.
/// </summary>
public sealed class DocumentVectors
{
    /// <summary>Wraps vectors already read: row i of <paramref name="rows"/> (normalised) is document <paramref name="ids"/>[i].</summary>
    public DocumentVectors(long sequence, int dimension, long[] ids, Modality[] modalities, float[] rows)
    {
        Sequence = sequence;
        Dimension = dimension;
        Ids = ids;
        Modalities = modalities;
        Rows = rows;
    }

    /// <summary>The change-log sequence of the vectors' snapshot.</summary>
    public long Sequence { get; }

    /// <summary>Vector length.</summary>
    public int Dimension { get; }

    /// <summary>Document ids.</summary>
    public IReadOnlyList<long> Ids { get; }

    /// <summary>Each document's modality.</summary>
    public IReadOnlyList<Modality> Modalities { get; }

    /// <summary>Row i is document i's vector.</summary>
    public ReadOnlyMemory<float> Rows { get; }

    /// <summary>Number of documents.</summary>
    public int Count => Ids.Count;

    /// <summary>
    /// Reads the documents of collection <paramref name="collection"/> from the segment store: the vectors from a
    /// snapshot, streamed into per-document sums (memory: one row per document, not per segment), and which document each
    /// segment belongs to from the catalogue read just after it. A segment that appeared in between has no vector here
    /// and a document whose segments went in between has none: both wait for the next refresh, which the map's
    /// sequence (the snapshot's) calls for.
    /// </summary>
    public static async Task<DocumentVectors> ReadAsync(SegmentStore segments, CollectionInfo collection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(collection);
        var dimension = collection.Dimension;
        await using var snapshot = await segments.OpenSnapshotAsync(collection.Id, cancellationToken);
        var catalogue = await segments.ReadCatalogueAsync(collection.Id, cancellationToken);
        var rowOf = new Dictionary<long, int>(catalogue.Documents.Count);
        foreach (var document in catalogue.Documents)
        {
            rowOf[document.Id] = rowOf.Count;
        }

        var rowOfSegment = new Dictionary<long, int>(catalogue.Segments.Count);
        foreach (var segment in catalogue.Segments)
        {
            if (rowOf.TryGetValue(segment.DocumentId, out var row))
            {
                rowOfSegment[segment.SegmentId] = row;
            }
        }

        var sums = new float[catalogue.Documents.Count * dimension];
        var counts = new int[catalogue.Documents.Count];
        await snapshot.ForEachAsync((segmentId, vector) =>
        {
            if (vector.Length == dimension && rowOfSegment.TryGetValue(segmentId, out var row))
            {
                var sum = sums.AsSpan(row * dimension, dimension);
                TensorPrimitives.Add(sum, vector, sum);
                counts[row]++;
            }
        }, cancellationToken);

        var kept = counts.Count(c => c > 0);
        var ids = new long[kept];
        var modalities = new Modality[kept];
        var rows = kept == counts.Length ? sums : new float[kept * dimension];
        var at = 0;
        for (var row = 0; row < counts.Length; row++)
        {
            if (counts[row] == 0)
            {
                continue;
            }

            ids[at] = catalogue.Documents[row].Id;
            modalities[at] = catalogue.Documents[row].Modality;
            var source = sums.AsSpan(row * dimension, dimension);
            var target = rows.AsSpan(at * dimension, dimension);
            var norm = TensorPrimitives.Norm(source);
            TensorPrimitives.Divide(source, norm > 0 ? norm : 1f, target);
            at++;
        }

        return new DocumentVectors(snapshot.LastSequence, dimension, ids, modalities, rows);
    }
}
