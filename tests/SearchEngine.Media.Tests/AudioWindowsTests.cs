using SearchEngine.Core.Media;
using SearchEngine.Media.Audio;

namespace SearchEngine.Media.Tests;

public class AudioWindowsTests
{
    [Fact]
    public void Windows_start_every_hop_and_the_tail_gets_an_end_aligned_window()
    {
        var clip = new AudioClip(Ramp(10_500), 1000); // 10.5 s at 1 kHz

        var windows = AudioWindows.Split(clip, windowSeconds: 4, hopSeconds: 1);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 6.5], windows.Select(w => w.Offset));
        Assert.All(windows, w => Assert.Equal(4.0, w.Duration, 6));
        Assert.Equal(6500f, windows[^1].Samples[0]);
        Assert.Equal(10_499f, windows[^1].Samples[^1]);
    }

    [Fact]
    public void A_clip_that_ends_on_a_window_boundary_gets_no_extra_window()
    {
        var windows = AudioWindows.Split(new AudioClip(Ramp(6000), 1000), 4, 1);

        Assert.Equal([0, 1, 2], windows.Select(w => w.Offset));
    }

    [Fact]
    public void A_tail_shorter_than_half_a_hop_adds_no_window()
    {
        var windows = AudioWindows.Split(new AudioClip(Ramp(6010), 1000), 4, 1);

        Assert.Equal([0, 1, 2], windows.Select(w => w.Offset));
    }

    [Fact]
    public void A_clip_shorter_than_a_window_is_one_window()
    {
        var clip = new AudioClip(Ramp(2500), 1000, Offset: 3);

        var window = Assert.Single(AudioWindows.Split(clip, 4, 1));

        Assert.Same(clip, window);
    }

    [Fact]
    public void Offsets_add_to_the_clips_own_offset()
    {
        var windows = AudioWindows.Split(new AudioClip(Ramp(5000), 1000, Offset: 10), 2, 1.5);

        Assert.Equal([10, 11.5, 13], windows.Select(w => w.Offset));
    }

    [Fact]
    public async Task Long_real_audio_is_cut_into_windows_with_correct_times()
    {
        // 12 s: a 440 Hz tone for 6 s then 880 Hz; the window starting at 7 s must hold the higher tone.
        var path = SampleMedia.Ffmpeg("two-tones-12s.flac",
            "-f lavfi -i sine=frequency=440:duration=6 -f lavfi -i sine=frequency=880:duration=6 -filter_complex [0][1]concat=n=2:v=0:a=1");
        var clip = await new AudioDecoder(SampleMedia.Options()).DecodeAsync(path, 16_000);

        var windows = AudioWindows.Split(clip, 2, 1);

        Assert.Equal(11, windows.Count);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (double)i), windows.Select(w => Math.Round(w.Offset, 3)));
        Assert.InRange(AudioDecoderTests.DominantFrequency(windows[1]), 420, 460);
        Assert.InRange(AudioDecoderTests.DominantFrequency(windows[7]), 850, 910);
    }

    private static float[] Ramp(int length) => Enumerable.Range(0, length).Select(i => (float)i).ToArray();
}
