namespace SearchEngine.Embeddings.Tokenizers;

/// <summary>
/// The reversible byte → printable character map of GPT-2 and CLIP (<c>bytes_to_unicode</c>): printable Latin-1 bytes
/// map to themselves, the other 68 bytes to U+0100 onwards, so that every UTF-8 byte sequence becomes a string of
/// characters that BPE vocabularies can hold without whitespace or control characters.
/// </summary>
public static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = Build();
    private static readonly short[] CharToByte = Invert(ByteToChar);

    /// <summary>The character that stands for <paramref name="value"/>.</summary>
    public static char Encode(byte value) => ByteToChar[value];

    /// <summary>
    /// The 256 characters in the order <c>bytes_to_unicode().values()</c> lists them, which is the order of the first
    /// vocabulary entries openai/CLIP builds: printable bytes first, then the remapped ones — that is, by code point.
    /// </summary>
    public static IEnumerable<char> VocabularyOrder => ByteToChar.Order();

    /// <summary>The byte that <paramref name="symbol"/> stands for, or -1 when it is not one of the 256 characters.</summary>
    public static int Decode(char symbol) => symbol < CharToByte.Length ? CharToByte[symbol] : -1;

    /// <summary>
    /// Appends the byte-level form of <paramref name="text"/> (its UTF-8 bytes, each mapped through <see cref="Encode"/>).
    /// </summary>
    public static void AppendEncoded(ReadOnlySpan<char> text, System.Text.StringBuilder destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Span<byte> buffer = stackalloc byte[256];
        var maxBytes = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        var bytes = maxBytes <= buffer.Length ? buffer : new byte[maxBytes];
        var count = System.Text.Encoding.UTF8.GetBytes(text, bytes);
        foreach (var b in bytes[..count])
        {
            destination.Append(ByteToChar[b]);
        }
    }

    private static short[] Invert(char[] map)
    {
        // The characters lie below U+0144, so a dense inverse table is smaller than a dictionary and branch-free.
        var inverse = new short[map.Max() + 1];
        Array.Fill(inverse, (short)-1);
        for (var b = 0; b < map.Length; b++)
        {
            inverse[map[b]] = (short)b;
        }

        return inverse;
    }

    private static char[] Build()
    {
        var map = new char[256];
        var assigned = new bool[256];
        for (var b = '!'; b <= '~'; b++)
        {
            Assign(b);
        }

        for (var b = '¡'; b <= '¬'; b++)
        {
            Assign(b);
        }

        for (var b = '®'; b <= 'ÿ'; b++)
        {
            Assign(b);
        }

        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            if (!assigned[b])
            {
                map[b] = (char)next++;
            }
        }

        return map;

        void Assign(char b)
        {
            map[b] = b;
            assigned[b] = true;
        }
    }
}
