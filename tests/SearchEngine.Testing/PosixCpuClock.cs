using System.Runtime.InteropServices;

namespace SearchEngine.Testing;

/// <summary>Reads one of Linux's CPU-time clocks (clock_gettime), for <see cref="ThreadCpuClock"/> and <see cref="ProcessCpuClock"/>.</summary>
internal static partial class PosixCpuClock
{
    /// <summary>The clock's time in milliseconds; NaN where the clock is not available.</summary>
    public static double Milliseconds(int clock) =>
        clock_gettime(clock, out var time) == 0 ? time.Seconds * 1e3 + time.Nanoseconds / 1e6 : double.NaN;

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
