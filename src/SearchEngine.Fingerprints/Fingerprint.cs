using System.Buffers.Binary;
using SearchEngine.Core.Checksums;

namespace SearchEngine.Fingerprints;

/// <summary>
/// The landmarks of one recording, ordered by frame. This is what is stored per document (<see cref="ToBytes"/>, one
/// <c>bytea</c>) and what a query clip is turned into.
/// </summary>
public sealed class Fingerprint
{
    // "SEFP", a version byte, frame seconds, duration, landmark count; the landmarks; a CRC-32C of all that precedes it.
    private static ReadOnlySpan<byte> Magic => "SEFP"u8;
    private const byte Version = 1;
    private const int HeaderLength = 4 + 1 + 8 + 8;
    private const int ChecksumLength = 4;

    /// <summary>Wraps <paramref name="landmarks"/> (ordered by frame) taken with frames <paramref name="frameSeconds"/> apart.</summary>
    public Fingerprint(Landmark[] landmarks, double frameSeconds, double durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        if (!(frameSeconds > 0) || double.IsInfinity(frameSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(frameSeconds), frameSeconds, "Frames must be a positive, finite number of seconds apart.");
        }

        if (!(durationSeconds >= 0) || double.IsInfinity(durationSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(durationSeconds), durationSeconds, "The duration must be a non-negative, finite number of seconds.");
        }

        for (var i = 0; i < landmarks.Length; i++)
        {
            if (landmarks[i].Frame < 0 || (i > 0 && landmarks[i].Frame < landmarks[i - 1].Frame))
            {
                throw new ArgumentException("Landmarks must have non-negative frames, in order.", nameof(landmarks));
            }
        }

        Landmarks = landmarks;
        FrameSeconds = frameSeconds;
        DurationSeconds = durationSeconds;
    }

    /// <summary>The landmarks, ordered by frame.</summary>
    public Landmark[] Landmarks { get; }

    /// <summary>Seconds between analysis frames.</summary>
    public double FrameSeconds { get; }

    /// <summary>Length of the recording, in seconds.</summary>
    public double DurationSeconds { get; }

    /// <summary>
    /// The compact stored form (versioned; read back with <see cref="FromBytes"/>): frame deltas and hashes as
    /// variable-length integers, about four bytes a landmark, with a CRC-32C so a damaged value is refused.
    /// </summary>
    public byte[] ToBytes()
    {
        var buffer = new byte[HeaderLength + 5 + (Landmarks.Length * 10) + ChecksumLength];
        Magic.CopyTo(buffer);
        buffer[4] = Version;
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(5), FrameSeconds);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(13), DurationSeconds);
        var at = HeaderLength;
        at += WriteVarint(buffer.AsSpan(at), (uint)Landmarks.Length);
        var previous = 0;
        foreach (var landmark in Landmarks)
        {
            at += WriteVarint(buffer.AsSpan(at), (uint)(landmark.Frame - previous));
            at += WriteVarint(buffer.AsSpan(at), landmark.Hash);
            previous = landmark.Frame;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(at), Crc32C.Append(0, buffer.AsSpan(0, at)));
        return buffer.AsSpan(0, at + ChecksumLength).ToArray();
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static Fingerprint FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength + 1 + ChecksumLength || !bytes[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a stored fingerprint.");
        }

        if (bytes[4] != Version)
        {
            throw new InvalidDataException($"Stored fingerprint version {bytes[4]} is not supported (expected {Version}).");
        }

        var body = bytes[..^ChecksumLength];
        if (Crc32C.Append(0, body) != BinaryPrimitives.ReadUInt32LittleEndian(bytes[^ChecksumLength..]))
        {
            throw new InvalidDataException("Stored fingerprint is damaged: its checksum does not match.");
        }

        var frameSeconds = BinaryPrimitives.ReadDoubleLittleEndian(bytes[5..]);
        var duration = BinaryPrimitives.ReadDoubleLittleEndian(bytes[13..]);
        var at = HeaderLength;
        var count = ReadVarint(body, ref at);
        // Each landmark takes at least two bytes, so a count beyond that is damage, not a reason to allocate.
        if (count > (uint)(body.Length - at) / 2)
        {
            throw new InvalidDataException("Stored fingerprint is damaged: its landmark count exceeds its length.");
        }

        var landmarks = new Landmark[count];
        long frame = 0;
        for (var i = 0; i < landmarks.Length; i++)
        {
            frame += ReadVarint(body, ref at);
            if (frame > int.MaxValue)
            {
                throw new InvalidDataException("Stored fingerprint is damaged: a frame is out of range.");
            }

            landmarks[i] = new Landmark(ReadVarint(body, ref at), (int)frame);
        }

        if (at != body.Length)
        {
            throw new InvalidDataException("Stored fingerprint is damaged: it has trailing bytes.");
        }

        try
        {
            return new Fingerprint(landmarks, frameSeconds, duration);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("Stored fingerprint is damaged: " + e.Message, e);
        }
    }

    private static int WriteVarint(Span<byte> destination, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    private static uint ReadVarint(ReadOnlySpan<byte> source, ref int at)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (at >= source.Length)
            {
                throw new InvalidDataException("Stored fingerprint is damaged: it ends inside a number.");
            }

            var b = source[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("Stored fingerprint is damaged: a number is too long.");
    }
}
