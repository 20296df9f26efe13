using System.Globalization;

namespace SearchEngine.Benchmarks.Ann;

/// <summary>
/// The process's resident memory from /proc/self/status, split as the kernel splits it: anonymous pages (heap, native
/// allocations: what the process must hold; shared-memory pages, e.g. a mapped file on tmpfs, count here too, since
/// they cannot be evicted without swap) and file-backed pages (memory-mapped files on disk: page cache the kernel may
/// evict and read back). Read after a compacting, decommitting GC so freed managed memory does not count.
/// </summary>
internal readonly record struct ProcessMemory(long AnonBytes, long FileBytes)
{
    public static ProcessMemory Now()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        long anon = 0, file = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal) || line.StartsWith("RssShmem:", StringComparison.Ordinal))
            {
                anon += Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = Kilobytes(line) * 1024;
            }
        }
        return new ProcessMemory(anon, file);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
