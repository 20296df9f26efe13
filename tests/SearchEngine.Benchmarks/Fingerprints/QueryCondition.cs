namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>What happens to a query clip between the source and the fingerprint, in this order: speed, gain, echo, noise, resampling, codec.</summary>
internal sealed record Distortion(
    double SpeedPercent = 0,
    double GainDb = 0,
    int EchoMilliseconds = 0,
    NoiseKind Noise = NoiseKind.None,
    double SnrDb = 0,
    int ResampleTo = 0,
    Codec Codec = Codec.None);

internal enum NoiseKind
{
    None,
    Pink,
    Babble,
}

/// <summary>Lossy round trips; <see cref="Rotate"/> takes MP3, Opus and AAC in turn, query by query.</summary>
internal enum Codec
{
    None,
    Mp3At64k,
    OpusAt32k,
    AacAt64k,
    Rotate,
}

/// <summary>One row of the benchmark: clips of one length under one distortion, and the goal it is held to, if any.</summary>
internal sealed record QueryCondition(string Name, double ClipSeconds, string Description, Distortion Distortion, string? Goal = null)
{
    /// <summary>
    /// The full grid is too many queries for a shared two-core machine, so lengths are crossed with the three reference
    /// distortions (clean, 10 dB + re-encoding, 0 dB pink), and each single distortion is measured at one typical length.
    /// </summary>
    public static IReadOnlyList<QueryCondition> All { get; } =
    [
        .. new[] { 2.0, 3, 5, 10 }.Select(s => new QueryCondition($"{s:0}s_clean", s, "untouched cut of the master", new Distortion())),
        .. new[] { 2.0, 3, 5, 10 }.Select(s => new QueryCondition($"{s:0}s_10db_reencoded", s, "pink noise 10 dB SNR, then MP3 64k / Opus 32k / AAC 64k in turn",
            new Distortion(Noise: NoiseKind.Pink, SnrDb: 10, Codec: Codec.Rotate), s == 3 ? "≥ 98 % top-1, time error ≤ 0.1 s" : null)),
        .. new[] { 2.0, 3, 5, 10 }.Select(s => new QueryCondition($"{s:0}s_0db", s, "pink noise 0 dB SNR",
            new Distortion(Noise: NoiseKind.Pink, SnrDb: 0), s == 5 ? "≥ 90 % top-1" : null)),
        new("3s_mp3_64k", 3, "MP3 64 kbit/s round trip (44.1 kHz)", new Distortion(Codec: Codec.Mp3At64k)),
        new("3s_opus_32k", 3, "Opus 32 kbit/s round trip (48 kHz)", new Distortion(Codec: Codec.OpusAt32k)),
        new("3s_aac_64k", 3, "AAC 64 kbit/s round trip (44.1 kHz)", new Distortion(Codec: Codec.AacAt64k)),
        new("3s_gain_plus12db", 3, "+12 dB, clipped to 16-bit", new Distortion(GainDb: 12)),
        new("3s_gain_minus12db", 3, "-12 dB", new Distortion(GainDb: -12)),
        new("3s_resample_8k", 3, "delivered at 8 kHz", new Distortion(ResampleTo: 8000)),
        new("3s_resample_22k", 3, "delivered at 22.05 kHz", new Distortion(ResampleTo: 22050)),
        new("3s_resample_44k", 3, "delivered at 44.1 kHz", new Distortion(ResampleTo: 44100)),
        .. new[] { 15, 10, 5 }.Select(snr => new QueryCondition($"5s_pink_{snr}db", 5, $"pink noise {snr} dB SNR", new Distortion(Noise: NoiseKind.Pink, SnrDb: snr))),
        .. new[] { 15, 10, 5, 0 }.Select(snr => new QueryCondition($"5s_babble_{snr}db", 5, $"babble (6 unindexed talkers) {snr} dB SNR",
            new Distortion(Noise: NoiseKind.Babble, SnrDb: snr))),
        new("10s_babble_0db", 10, "babble (6 unindexed talkers) 0 dB SNR", new Distortion(Noise: NoiseKind.Babble, SnrDb: 0)),
        new("5s_speed2", 5, "playback speed +2 % / -2 % in turn (pitch and tempo)", new Distortion(SpeedPercent: 2), "≥ 80 % top-1"),
        new("10s_speed2", 10, "playback speed +2 % / -2 % in turn (pitch and tempo)", new Distortion(SpeedPercent: 2)),
        new("5s_echo100ms", 5, "one echo 100 ms later at half level", new Distortion(EchoMilliseconds: 100)),
    ];

    /// <summary>
    /// Clips of held-out recordings, which must give no match at all; lengths 2/3/5/10 s in turn, each clean, MP3 64k or
    /// pink noise 10 dB in turn.
    /// </summary>
    public static IReadOnlyList<QueryCondition> Negatives { get; } =
    [
        .. new[] { 2.0, 3, 5, 10 }.SelectMany(s => new[]
        {
            new QueryCondition($"negative_{s:0}s_clean", s, "held-out", new Distortion()),
            new QueryCondition($"negative_{s:0}s_mp3_64k", s, "held-out", new Distortion(Codec: Codec.Mp3At64k)),
            new QueryCondition($"negative_{s:0}s_pink_10db", s, "held-out", new Distortion(Noise: NoiseKind.Pink, SnrDb: 10)),
        }),
    ];
}
