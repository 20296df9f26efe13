namespace SearchEngine.Testing;

/// <summary>
/// The calling thread's CPU time (Linux CLOCK_THREAD_CPUTIME_ID). On a machine shared with other jobs, wall-clock
/// time includes waiting for a core; the thread's CPU time is the measured code's own cost, so benchmarks report both
/// and cost tests compare this one.
/// </summary>
public static class ThreadCpuClock
{
    private const int ThreadCpuTimeClock = 3;

    /// <summary>CPU time the calling thread has used, in milliseconds; NaN where the clock is not available.</summary>
    public static double NowMilliseconds() => PosixCpuClock.Milliseconds(ThreadCpuTimeClock);
}
