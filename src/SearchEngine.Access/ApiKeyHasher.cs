using System.Security.Cryptography;
using System.Text;

namespace SearchEngine.Access;

/// <summary>
/// PBKDF2-SHA256 over a key's secret (.NET's <see cref="Rfc2898DeriveBytes.Pbkdf2(byte[], byte[], int, HashAlgorithmName, int)"/>),
/// with a random salt per key; comparison is in constant time, so the time of a refusal says nothing about the hash.
/// </summary>
public static class ApiKeyHasher
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>The hash of <paramref name="secret"/> with a new salt.</summary>
    public static HashedSecret Hash(string secret, int iterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new HashedSecret(Derive(secret, salt, iterations, HashBytes), salt, iterations);
    }

    /// <summary>Whether <paramref name="secret"/> is the secret <paramref name="stored"/> was made from.</summary>
    public static bool Verify(string secret, HashedSecret stored)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(stored);
        var derived = Derive(secret, stored.Salt, stored.Iterations, stored.Hash.Length);
        return CryptographicOperations.FixedTimeEquals(derived, stored.Hash);
    }

    private static byte[] Derive(string secret, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, length);
}
