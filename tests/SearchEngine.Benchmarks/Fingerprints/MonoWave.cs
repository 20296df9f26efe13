using System.Buffers.Binary;
using System.Text;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// Mono 16-bit PCM WAV files: the corpus masters and the finished query clips. Read and written here rather than through
/// ffmpeg because the benchmark cuts thousands of clips at exact sample positions, and the query clips end as integer
/// PCM on purpose (a +12 dB gain then clips, as it would in any real file).
/// </summary>
internal static class MonoWave
{
    public static void Write(string path, ReadOnlySpan<float> samples, int sampleRate)
    {
        var data = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            var value = (int)Math.Round(Math.Clamp(samples[i], -1f, 1f) * 32767f);
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), (short)value);
        }

        var header = new byte[44];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 36 + data.Length);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(header, 8);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(header, 36);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), data.Length);
        var temporary = path + ".part";
        using (var file = File.Create(temporary))
        {
            file.Write(header);
            file.Write(data);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a mono 16-bit PCM WAV (ffmpeg's and espeak-ng's, which may carry extra chunks before the data).</summary>
    public static (float[] Samples, int SampleRate) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
        {
            throw new InvalidDataException($"{path} is not a WAV file");
        }

        var sampleRate = 0;
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes, position, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + 4));
            var body = position + 8;
            if (id == "fmt ")
            {
                var channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 2));
                var bits = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + 14));
                if (channels != 1 || bits != 16)
                {
                    throw new InvalidDataException($"{path}: {channels} channels, {bits} bits; expected mono 16-bit");
                }

                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(body + 4));
            }
            else if (id == "data")
            {
                // Streamed WAVs (espeak-ng writing to a pipe, ffmpeg without seeking) may leave the size unset.
                var length = size <= 0 || body + size > bytes.Length ? bytes.Length - body : size;
                var samples = new float[length / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + i * 2)) / 32768f;
                }

                return (samples, sampleRate);
            }

            position = body + size + (size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk");
    }
}
