using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace SearchEngine.Access;

/// <summary>
/// The text of a key, <c>se_&lt;prefix&gt;_&lt;secret&gt;</c>: the prefix (12 lower-case letters and digits) is stored as it
/// is and finds the row; the secret (40 letters and digits, about 238 random bits) is stored only as a hash. The
/// <c>se_</c> marker lets secret scanners and people recognise a leaked key.
/// </summary>
public readonly record struct ApiKeyToken(string Prefix, string Secret)
{
    /// <summary>What every key starts with.</summary>
    public const string Marker = "se_";

    private const int PrefixLength = 12;
    private const int SecretLength = 40;
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new random key from the system's cryptographic generator.</summary>
    public static ApiKeyToken New() => new(
        RandomNumberGenerator.GetString(PrefixAlphabet, PrefixLength),
        RandomNumberGenerator.GetString(SecretAlphabet, SecretLength));

    /// <summary>Reads a presented key; false when it does not have the shape of one (no database look-up is then needed).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ApiKeyToken? token)
    {
        token = null;
        if (text is null || !text.StartsWith(Marker, StringComparison.Ordinal) || text.Length != Marker.Length + PrefixLength + 1 + SecretLength)
        {
            return false;
        }

        var prefix = text.Substring(Marker.Length, PrefixLength);
        var separator = text[Marker.Length + PrefixLength];
        var secret = text[(Marker.Length + PrefixLength + 1)..];
        if (separator != '_' || !prefix.All(PrefixAlphabet.Contains) || !secret.All(SecretAlphabet.Contains))
        {
            return false;
        }

        token = new ApiKeyToken(prefix, secret);
        return true;
    }

    /// <summary>The key as it is presented.</summary>
    public override string ToString() => $"{Marker}{Prefix}_{Secret}";
}
