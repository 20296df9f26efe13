using System.Globalization;
using Npgsql;

namespace SearchEngine.Storage.Tests;

/// <summary>
/// CPU time used by the PostgreSQL server processes of one database, read from /proc (only when the server runs on
/// this machine). On a machine shared with other work, CPU time is an honest cost where wall-clock time is not.
/// </summary>
internal static class BackendCpu
{
    public static async Task<Dictionary<int, TimeSpan>?> SampleAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database()", connection);
        var pids = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                pids.Add(reader.GetInt32(0));
            }
        }

        var times = new Dictionary<int, TimeSpan>();
        foreach (var pid in pids)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return null;
            }

            // Fields after the command name: state is field 3; utime and stime are fields 14 and 15, in clock ticks (100/s).
            var text = await File.ReadAllTextAsync(stat);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            times[pid] = TimeSpan.FromSeconds(ticks / 100.0);
        }

        return times;
    }

    public static TimeSpan Used(Dictionary<int, TimeSpan> before, Dictionary<int, TimeSpan> after) =>
        after.Aggregate(TimeSpan.Zero, (sum, pair) => sum + pair.Value - before.GetValueOrDefault(pair.Key));
}
