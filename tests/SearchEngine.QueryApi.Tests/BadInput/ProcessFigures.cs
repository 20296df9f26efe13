using System.Globalization;

namespace SearchEngine.QueryApi.Tests.BadInput;

/// <summary>
/// This process's CPU time including its waited-for children (so an ffmpeg run counts), and its resident memory, read
/// from /proc (the suite runs on Linux, like CI).
/// </summary>
internal static class ProcessFigures
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux ABI .NET runs on

    public static TimeSpan CpuTime()
    {
        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = 0L;
        for (var field = 14; field <= 17; field++)
        {
            ticks += long.Parse(fields[field - 3], CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>Resets the peak resident size to the current one (Linux 4.0+: "5" to clear_refs), so a peak reached before
    /// a measurement (building a fixture's index) is not charged to it.</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    public static long ResidentBytes() => StatusKilobytes("VmRSS:") * 1024;

    public static long PeakResidentBytes() => StatusKilobytes("VmHWM:") * 1024;

    private static long StatusKilobytes(string key)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
