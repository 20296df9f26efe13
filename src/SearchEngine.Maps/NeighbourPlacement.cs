using System.Numerics.Tensors;

namespace SearchEngine.Maps;

/// <summary>
/// Places documents that came after the last full layout at the mean of their nearest mapped documents, by exact inner
/// product over the mapped documents' (normalised) vectors. Cost: new × mapped × dimension; the map is recomputed once
/// the new ones pass <see cref="MapOptions.RecomputeFraction"/>, so this stays a fraction of a layout.
/// </summary>
internal static class NeighbourPlacement
{
    /// <summary>
    /// For each row in <paramref name="newRows"/>, the mean (x, y) of its <paramref name="neighbours"/> nearest rows of
    /// <paramref name="mappedRows"/>, whose coordinates are <paramref name="mappedCoordinates"/>.
    /// </summary>
    public static float[] Place(
        ReadOnlyMemory<float> newRows, int newCount, ReadOnlyMemory<float> mappedRows, int mappedCount,
        IReadOnlyList<float> mappedCoordinates, int dimension, int neighbours, int threads)
    {
        var placed = new float[2 * newCount];
        var k = Math.Min(neighbours, mappedCount);
        if (k == 0)
        {
            return placed;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, newCount, parallel, () => (Best: new int[k], Scores: new float[k]), (i, _, scratch) =>
        {
            var query = newRows.Span.Slice(i * dimension, dimension);
            var rows = mappedRows.Span;
            var filled = 0;
            for (var j = 0; j < mappedCount; j++)
            {
                var score = TensorPrimitives.Dot(query, rows.Slice(j * dimension, dimension));
                if (filled == k && score <= scratch.Scores[k - 1])
                {
                    continue;
                }

                var at = filled < k ? filled++ : k - 1;
                while (at > 0 && scratch.Scores[at - 1] < score)
                {
                    scratch.Scores[at] = scratch.Scores[at - 1];
                    scratch.Best[at] = scratch.Best[at - 1];
                    at--;
                }

                scratch.Scores[at] = score;
                scratch.Best[at] = j;
            }

            float x = 0, y = 0;
            foreach (var j in scratch.Best)
            {
                x += mappedCoordinates[2 * j];
                y += mappedCoordinates[(2 * j) + 1];
            }

            placed[2 * i] = x / k;
            placed[(2 * i) + 1] = y / k;
            return scratch;
        }, _ => { });
        return placed;
    }
}
