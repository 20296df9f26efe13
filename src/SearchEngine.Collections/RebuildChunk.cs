using SearchEngine.Index;

namespace SearchEngine.Collections;

/// <summary>
/// Vectors streamed from a PostgreSQL snapshot, inserted into a rebuilt index in fixed chunks, so a rebuild (of a whole
/// collection or of one shard) holds one chunk of raw vectors at a time and allocates nothing per vector.
/// </summary>
internal sealed class RebuildChunk(HnswIndex index, int dimension, int capacity, int threads)
{
    private readonly long[] _ids = new long[capacity];
    private readonly float[] _rows = new float[capacity * dimension];
    private int _count;

    public void Add(long segmentId, ReadOnlySpan<float> vector)
    {
        _ids[_count] = segmentId;
        vector.CopyTo(_rows.AsSpan(_count * dimension, dimension));
        if (++_count == capacity)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (_count > 0)
        {
            index.UpsertBatch(new ArraySegment<long>(_ids, 0, _count), _rows.AsMemory(0, _count * dimension), threads);
            _count = 0;
        }
    }
}
