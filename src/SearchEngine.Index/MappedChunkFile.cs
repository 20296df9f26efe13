using System.IO.MemoryMappedFiles;

namespace SearchEngine.Index;

/// <summary>
/// Chunks of a <see cref="NodeBlockStore"/> backed by a memory-mapped file instead of anonymous memory. The pages are page
/// cache: the kernel writes them back and evicts them under memory pressure, and only the pages a search touches come
/// back. Quantized graphs keep their full-precision rows here, since a search reads a few of them per query (re-scoring)
/// while the int8 codes it walks stay in RAM. The file is unlinked as soon as it is open, so nothing outlives the process.
/// </summary>
internal sealed unsafe class MappedChunkFile : IDisposable
{
    private readonly FileStream _file;
    private readonly List<(MemoryMappedFile Map, MemoryMappedViewAccessor View)> _views = [];

    /// <summary>Creates the (already unlinked) backing file in <paramref name="directory"/>.</summary>
    public MappedChunkFile(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"hnsw-rows-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        File.Delete(path);
    }

    /// <summary>Maps chunk <paramref name="index"/> of <paramref name="bytes"/> bytes (a multiple of the page size), zeroed.</summary>
    public byte* Map(int index, long bytes)
    {
        var offset = index * bytes;
        var map = MemoryMappedFile.CreateFromFile(_file, null, offset + bytes, MemoryMappedFileAccess.ReadWrite,
            HandleInheritability.None, leaveOpen: true);
        var view = map.CreateViewAccessor(offset, bytes, MemoryMappedFileAccess.ReadWrite);
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _views.Add((map, view));
        return p + view.PointerOffset;
    }

    /// <summary>Unmaps every chunk and closes the file; no pointer into it may be used any more.</summary>
    public void Dispose()
    {
        foreach (var (map, view) in _views)
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
            map.Dispose();
        }
        _views.Clear();
        _file.Dispose();
    }
}
