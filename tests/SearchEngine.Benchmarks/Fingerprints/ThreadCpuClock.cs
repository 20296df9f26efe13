using System.Runtime.InteropServices;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// The calling thread's CPU time (Linux CLOCK_THREAD_CPUTIME_ID). On a machine shared with other jobs, wall-clock
/// latency includes waiting for a core; the thread's CPU time is the matcher's own cost, so both are reported.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ThreadCpuTimeClock = 3;

    public static double NowMilliseconds()
    {
        return clock_gettime(ThreadCpuTimeClock, out var time) == 0 ? time.Seconds * 1e3 + time.Nanoseconds / 1e6 : double.NaN;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
