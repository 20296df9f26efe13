namespace SearchEngine.Fingerprints.Tests;

public sealed class FingerprintTests
{
    [Fact]
    public void Stored_bytes_read_back_to_the_same_landmarks()
    {
        var fingerprint = Extraction.Of(TestSound.Source);
        Assert.NotEmpty(fingerprint.Landmarks);

        var read = Fingerprint.FromBytes(fingerprint.ToBytes());

        Assert.Equal(fingerprint.Landmarks, read.Landmarks);
        Assert.Equal(fingerprint.FrameSeconds, read.FrameSeconds);
        Assert.Equal(fingerprint.DurationSeconds, read.DurationSeconds);
    }

    [Fact]
    public void Damaged_bytes_are_refused()
    {
        var bytes = Extraction.Of(TestSound.Other).ToBytes();

        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x01;
        Assert.Throws<InvalidDataException>(() => Fingerprint.FromBytes(flipped));
        Assert.Throws<InvalidDataException>(() => Fingerprint.FromBytes(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<InvalidDataException>(() => Fingerprint.FromBytes([]));
    }

    [Fact]
    public void Silence_and_empty_input_give_empty_fingerprints()
    {
        var silence = Extraction.Extractor.Extract(new float[48000 * 3], 48000);
        var empty = Extraction.Extractor.Extract([], 16000);
        var tiny = Extraction.Extractor.Extract(new float[] { 0.5f, -0.5f, 0.25f }, 44100);

        Assert.Empty(silence.Landmarks);
        Assert.Equal(3.0, silence.DurationSeconds, 6);
        Assert.Empty(empty.Landmarks);
        Assert.Empty(tiny.Landmarks);
        Assert.Empty(Fingerprint.FromBytes(empty.ToBytes()).Landmarks);
        Assert.Empty(new FingerprintIndex().Match(silence, 5));
    }

    [Fact]
    public void Speech_gives_a_few_hundred_landmarks_per_second_at_most()
    {
        var fingerprint = Extraction.Of(TestSound.Source);
        var perSecond = fingerprint.Landmarks.Length / fingerprint.DurationSeconds;

        Assert.InRange(perSecond, 10, 200);
        Assert.InRange(fingerprint.ToBytes().Length / fingerprint.DurationSeconds, 20, 1000);
    }
}
