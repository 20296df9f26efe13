using System.Globalization;

namespace SearchEngine.Benchmarks.Query;

/// <summary>The "--name value" arguments of the query benchmarks.</summary>
internal static class Arguments
{
    public static string? Value(string[] args, string name, string? fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;

    public static int Int(string[] args, string name, int fallback) =>
        Value(args, name, null) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
