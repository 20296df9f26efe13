namespace SearchEngine.Fingerprints;

/// <summary>
/// The landmarks of one recording, ordered by frame. This is what is stored per document (<see cref="ToBytes"/>, one
/// <c>bytea</c>) and what a query clip is turned into.
/// </summary>
public sealed class Fingerprint
{
    /// <summary>Wraps <paramref name="landmarks"/> (ordered by frame) taken with frames <paramref name="frameSeconds"/> apart.</summary>
    public Fingerprint(Landmark[] landmarks, double frameSeconds, double durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
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

    /// <summary>The compact stored form (versioned; read back with <see cref="FromBytes"/>).</summary>
    public byte[] ToBytes() => throw new NotImplementedException();

    /// <summary>Reads what <see cref="ToBytes"/> wrote; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static Fingerprint FromBytes(ReadOnlySpan<byte> bytes) => throw new NotImplementedException();
}
