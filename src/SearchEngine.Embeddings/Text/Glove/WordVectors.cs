using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SearchEngine.Embeddings.Text.Glove;

/// <summary>
/// A word-vector table in the compact binary form <see cref="GloveSetup"/> writes: the vocabulary in the source
/// package's order (so index i is the package's word index i, which the ANN benchmark relies on) and float16 vectors.
/// Loaded with one read and checked against its SHA-256 trailer.
/// </summary>
/// <remarks>
/// File layout (little-endian): magic <c>SEWV</c>, int32 format version (1), int32 dimension, int32 count,
/// int64 vocabulary byte length, vocabulary (per word: int32 UTF-8 length, bytes), float16 vectors [count, dimension],
/// then the SHA-256 of everything before it.
/// </remarks>
public sealed class WordVectors
{
    internal static ReadOnlySpan<byte> Magic => "SEWV"u8;

    internal const int FormatVersion = 1;

    private readonly byte[] _file;
    private readonly int _vectorOffset;
    private readonly Dictionary<string, int> _index;
    private readonly string[] _words;

    private WordVectors(byte[] file, int vectorOffset, string[] words, int dimension)
    {
        _file = file;
        _vectorOffset = vectorOffset;
        _words = words;
        Dimension = dimension;
        _index = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            _index.TryAdd(words[i], i);
        }
    }

    /// <summary>Floats per vector.</summary>
    public int Dimension { get; }

    /// <summary>Number of words.</summary>
    public int Count => _words.Length;

    /// <summary>The vocabulary in the package's word-index order.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>Reads and verifies a table written by <see cref="Write"/>.</summary>
    public static WordVectors Load(string path)
    {
        var file = File.ReadAllBytes(path);
        if (file.Length < 24 + 32 || !file.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not a word-vector file (bad magic); delete it to have it rebuilt.");
        }

        var expected = file.AsSpan(file.Length - 32);
        var actual = SHA256.HashData(file.AsSpan(0, file.Length - 32));
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidDataException($"'{path}' is corrupt (checksum mismatch); delete it to have it rebuilt.");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(4));
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"'{path}' has word-vector format {version}; this build reads {FormatVersion}. Delete it to have it rebuilt.");
        }

        var dimension = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8));
        var count = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12));
        var vocabularyLength = checked((int)BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(16)));
        var words = new string[count];
        var position = 24;
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position));
            words[i] = Encoding.UTF8.GetString(file, position + 4, length);
            position += 4 + length;
        }

        if (position != 24 + vocabularyLength || position + (long)count * dimension * 2 + 32 != file.Length)
        {
            throw new InvalidDataException($"'{path}' has an inconsistent layout; delete it to have it rebuilt.");
        }

        return new WordVectors(file, position, words, dimension);
    }

    /// <summary>Writes <paramref name="words"/> and their row-major <paramref name="vectors"/> as float16, with checksum.</summary>
    public static void Write(string path, IReadOnlyList<string> words, ReadOnlySpan<float> vectors, int dimension)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (vectors.Length != words.Count * dimension)
        {
            throw new ArgumentException($"{words.Count} words of dimension {dimension} need {words.Count * dimension} floats, got {vectors.Length}.");
        }

        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(dimension);
            writer.Write(words.Count);
            var vocabulary = words.Select(Encoding.UTF8.GetBytes).ToArray();
            writer.Write(vocabulary.Sum(w => 4L + w.Length));
            foreach (var word in vocabulary)
            {
                writer.Write(word.Length);
                writer.Write(word);
            }

            var halves = new Half[vectors.Length];
            for (var i = 0; i < halves.Length; i++)
            {
                halves[i] = (Half)vectors[i];
            }

            writer.Write(MemoryMarshal.AsBytes(halves.AsSpan()));
        }

        var hash = SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));
        body.Write(hash);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, body.ToArray());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The word's index, or -1 when it is not in the vocabulary.</summary>
    public int IndexOf(string word) => _index.TryGetValue(word, out var index) ? index : -1;

    /// <summary>Copies the vector of word <paramref name="index"/> into <paramref name="destination"/> as float32.</summary>
    public void CopyTo(int index, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var halves = MemoryMarshal.Cast<byte, Half>(_file.AsSpan(_vectorOffset + index * Dimension * 2, Dimension * 2));
        for (var i = 0; i < halves.Length; i++)
        {
            destination[i] = (float)halves[i];
        }
    }

    /// <summary>The vector of word <paramref name="index"/> as a new float32 array.</summary>
    public float[] Vector(int index)
    {
        var vector = new float[Dimension];
        CopyTo(index, vector);
        return vector;
    }
}
