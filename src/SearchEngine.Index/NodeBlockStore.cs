using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SearchEngine.Index;

/// <summary>
/// Fixed-size per-node records in native chunks of 16,384 records. Growing adds a chunk and republishes the chunk table, so a
/// pointer handed to a concurrent reader stays valid: nothing is ever moved or freed before <see cref="Dispose"/>.
/// Chunks come from anonymous memory, or from a <see cref="MappedChunkFile"/> when one is given.
/// </summary>
internal sealed unsafe class NodeBlockStore : IDisposable
{
    private const int ChunkShift = 14;
    private const int ChunkMask = (1 << ChunkShift) - 1;
    private readonly Lock _growLock = new();
    private readonly MappedChunkFile? _file;
    private nint[] _chunks = [];

    /// <summary>Creates a store of <paramref name="recordBytes"/>-byte records, file-backed when <paramref name="file"/> is set.</summary>
    public NodeBlockStore(int recordBytes, MappedChunkFile? file = null)
    {
        RecordBytes = recordBytes;
        _file = file;
    }

    /// <summary>Bytes per record.</summary>
    public int RecordBytes { get; }

    /// <summary>Records that fit without growing.</summary>
    public int Capacity => Volatile.Read(ref _chunks).Length << ChunkShift;

    /// <summary>Native bytes held.</summary>
    public long AllocatedBytes => (long)Volatile.Read(ref _chunks).Length * (RecordBytes << ChunkShift);

    /// <summary>The record of node <paramref name="node"/>; the node must be below <see cref="Capacity"/>.</summary>
    public byte* this[int node]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var chunks = _chunks;
            return (byte*)chunks[node >> ChunkShift] + ((nint)(node & ChunkMask) * RecordBytes);
        }
    }

    /// <summary>Makes room for nodes below <paramref name="count"/>; new records are zeroed.</summary>
    public void EnsureCapacity(int count)
    {
        if (count <= Capacity)
        {
            return;
        }
        lock (_growLock)
        {
            var chunks = _chunks;
            var needed = (count + ChunkMask) >> ChunkShift;
            if (needed <= chunks.Length)
            {
                return;
            }
            var grown = new nint[needed];
            chunks.CopyTo(grown, 0);
            var bytes = (nuint)RecordBytes << ChunkShift;
            for (var c = chunks.Length; c < needed; c++)
            {
                if (_file is not null)
                {
                    grown[c] = (nint)_file.Map(c, (long)bytes);
                    continue;
                }
                // calloc: a chunk this large comes from fresh zero pages, so the unused tail of the last chunk is never
                // made resident (records are not cache-line multiples, so 64-byte alignment of the chunk bought nothing).
                grown[c] = (nint)NativeMemory.AllocZeroed(bytes);
            }
            Volatile.Write(ref _chunks, grown);
        }
    }

    /// <summary>Frees every chunk; no reader may hold a record pointer any more.</summary>
    public void Dispose()
    {
        if (_file is not null)
        {
            _file.Dispose();
        }
        else
        {
            foreach (var p in _chunks)
            {
                NativeMemory.Free((void*)p);
            }
        }
        _chunks = [];
    }
}
