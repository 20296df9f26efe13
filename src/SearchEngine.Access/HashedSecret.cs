namespace SearchEngine.Access;

/// <summary>A secret's PBKDF2-SHA256 hash with the salt and iteration count it was derived with.</summary>
/// <param name="Hash">The derived bytes.</param>
/// <param name="Salt">The random salt.</param>
/// <param name="Iterations">The iteration count.</param>
#pragma warning disable CA1819 // Byte arrays are what PostgreSQL's bytea maps to; the record is copied out of the store only.
public sealed record HashedSecret(byte[] Hash, byte[] Salt, int Iterations);
#pragma warning restore CA1819
