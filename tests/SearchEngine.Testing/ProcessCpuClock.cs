namespace SearchEngine.Testing;

/// <summary>
/// CPU time of the whole process (Linux CLOCK_PROCESS_CPUTIME_ID), all threads together. A query hops threads
/// (async continuations) and ONNX Runtime may run parts of it on its own pool, so the calling thread's clock
/// (<see cref="ThreadCpuClock"/>) misses some of its cost; the process clock, read around one query at a time, does not.
/// </summary>
public static class ProcessCpuClock
{
    private const int ProcessCpuTimeClock = 2;

    /// <summary>CPU time the process has used, in milliseconds; NaN where the clock is not available.</summary>
    public static double NowMilliseconds() => PosixCpuClock.Milliseconds(ProcessCpuTimeClock);
}
