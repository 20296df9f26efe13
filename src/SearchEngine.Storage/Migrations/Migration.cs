using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SearchEngine.Storage.Migrations;

/// <summary>One versioned schema change: an embedded <c>Migrations/V###__name.sql</c> resource.</summary>
/// <param name="Version">The number after <c>V</c>; migrations apply in ascending order.</param>
/// <param name="Name">The part after <c>__</c>, for people reading <c>schema_migrations</c>.</param>
/// <param name="Sql">The script, run in one transaction.</param>
/// <param name="Checksum">SHA-256 (hex) of the script with line endings normalized, so a CRLF checkout does not look edited.</param>
public sealed partial record Migration(int Version, string Name, string Sql, string Checksum)
{
    private const string ResourcePrefix = "SearchEngine.Storage.Migrations.";

    /// <summary>The migrations embedded in this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    /// <summary>Builds a migration from its file name (<c>V001__initial.sql</c>) and script.</summary>
    public static Migration FromScript(string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new FormatException($"Migration '{fileName}' is not named V<number>__<name>.sql.");
        }

        var normalized = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
        return new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, normalized, checksum);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            migrations.Add(FromScript(resource[ResourcePrefix.Length..], ReadResource(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {migrations[i].Version}: '{migrations[i - 1].Name}' and '{migrations[i].Name}'.");
            }
        }

        return migrations;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded migration '{name}' could not be opened.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^V(\d+)__(.+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
