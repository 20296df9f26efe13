using System.Globalization;
using System.Text;

namespace SearchEngine.Cluster;

/// <summary>
/// A member's suspicions (who suspects it, since when) as one text column: <c>address@ticks</c> entries separated by
/// '|'. Neither character occurs in a parsable silo address, and the ticks keep the time exact (UTC).
/// </summary>
internal static class SuspectTimes
{
    public static string Write(List<Tuple<SiloAddress, DateTime>>? suspectTimes)
    {
        if (suspectTimes is null || suspectTimes.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var (silo, time) in suspectTimes)
        {
            if (text.Length > 0)
            {
                text.Append('|');
            }

            text.Append(silo.ToParsableString()).Append('@').Append(time.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static List<Tuple<SiloAddress, DateTime>> Read(string text)
    {
        var suspectTimes = new List<Tuple<SiloAddress, DateTime>>();
        foreach (var entry in text.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = entry.LastIndexOf('@');
            suspectTimes.Add(Tuple.Create(
                SiloAddress.FromParsableString(entry[..at]),
                new DateTime(long.Parse(entry.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture), DateTimeKind.Utc)));
        }

        return suspectTimes;
    }
}
