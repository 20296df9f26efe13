using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Testing;
using SearchEngine.Testing.Packs;

namespace SearchEngine.Ingestion.Tests;

/// <summary>
/// A CLAP collection indexes sound: audio files and the sound of videos are decoded at the pack's rate (48 kHz, not the
/// offline pack's 16 kHz) and cut into the CLAP tower's own windows. Tiny CLAP models behind the real towers, tokenizer
/// and front end; real files made by ffmpeg; real PostgreSQL.
/// </summary>
public sealed class ClapCollectionTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly TinyClapPack _pack = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("searchengine-ingest-clap-").FullName;

    [Fact]
    public async Task Audio_files_and_the_sound_of_videos_are_indexed_in_the_towers_windows()
    {
        // Sources at rates CLAP does not take (44.1 kHz stereo, 22.05 kHz), so decoding must resample to 48 kHz.
        var song = Path.Combine(_folder, "song.flac");
        MediaFiles.Ffmpeg(song, "-f lavfi -i sine=frequency=440:duration=23:sample_rate=44100 -ac 2 -c:a flac");
        var clip = Path.Combine(_folder, "clip.mp4");
        MediaFiles.Ffmpeg(clip,
            "-f lavfi -i testsrc=size=160x120:rate=10:duration=12 -f lavfi -i sine=frequency=660:duration=12:sample_rate=22050 " +
            "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest");
        using var pack = _pack.Load();
        await using var harness = await Harness.CreateAsync(database.ConnectionString);

        var summary = await harness.IndexAsync(pack, new IndexingRequest("clap", [_folder]));

        Assert.Equal(IndexingOutcome.Completed, summary.Outcome);
        Assert.Empty(summary.Failures);
        Assert.Empty(await Rows.FileErrorsAsync(database.ConnectionString, "clap"));
        var documents = await Rows.DocumentsAsync(database.ConnectionString, "clap");
        Assert.Equal([(clip, "video"), (song, "audio")], documents.Select(d => (d.Uri, d.Modality)));

        // The tower's windows: 10 s every 10 s, the last one ending where the sound ends. A CLAP pack has no image
        // tower, so a video's keyframes give no segments; its sound does.
        var segments = await Rows.SegmentsAsync(database.ConnectionString, "clap");
        Assert.All(segments, s => Assert.Equal("audio_window", s.Kind));
        Assert.All(segments, s => Assert.Equal(TinyClapModels.Dimension, s.Vector.Length));
        var songWindows = segments.Where(s => s.Uri == song).Select(s => (s.Start!.Value, s.End!.Value)).ToList();
        Assert.Equal([(0.0, 10.0), (10.0, 20.0), (20.0, 23.0)], songWindows.Select(w => (Math.Round(w.Item1, 3), Math.Round(w.Item2, 3))));
        var clipWindows = segments.Where(s => s.Uri == clip).Select(s => (s.Start!.Value, s.End!.Value)).ToList();
        Assert.Equal([0.0, 10.0], clipWindows.Select(w => Math.Round(w.Item1, 3)));
        Assert.Equal(10.0, clipWindows[0].Item2, 3);
        Assert.InRange(clipWindows[1].Item2, 11.95, 12.1); // AAC ends on a frame boundary

        using var index = await harness.OpenIndexAsync("clap");
        Assert.Equal(segments.Count, index.Index.Count);
    }

    public void Dispose()
    {
        _pack.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
