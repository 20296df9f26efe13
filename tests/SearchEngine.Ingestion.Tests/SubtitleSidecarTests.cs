using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Ingestion.Sources;
using SearchEngine.Testing;

namespace SearchEngine.Ingestion.Tests;

/// <summary>
/// Subtitles give a video (or a recording) timed caption segments: its embedded text track, or a <c>.srt</c>/<c>.vtt</c>
/// beside it, which is then part of the video and not a document of its own. Real media made with ffmpeg, the test
/// pack, real PostgreSQL.
/// </summary>
public sealed class SubtitleSidecarTests(PostgresDatabase database, PackFixture fixture) : IClassFixture<PostgresDatabase>, IClassFixture<PackFixture>, IDisposable
{
    private const string EmbeddedSrt = "1\n00:00:00,500 --> 00:00:01,500\nThe ferry leaves at noon.\n\n2\n00:00:02,000 --> 00:00:03,000\nBring a warm coat.\n";

    private const string SidecarSrt = "1\n00:00:01,250 --> 00:00:02,750\nA kettle whistles in the kitchen.\n\n2\n00:00:03,500 --> 00:00:04,000\nSomeone answers the door.\n";

    private const string SidecarVtt = "WEBVTT\n\n00:00:00.750 --> 00:00:01.750\n<v Ann>The lighthouse is dark tonight.\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("searchengine-ingest-subtitles-").FullName;

    [Fact]
    public async Task A_folder_walk_attaches_srt_and_vtt_sidecars_to_the_file_they_subtitle()
    {
        Write("movie.mkv");
        Write("movie.srt");
        Write("movie.en.vtt");
        Write("movie.pt-BR.srt");
        Write("clip.mp4");
        Write("clip.mp4.srt");
        Write("song.mp3");
        Write("song.vtt");
        Write("lonely.srt");
        Write("talk.txt");
        Write("talk.srt");
        Write("movie.final.srt");

        var files = new List<SourceFile>();
        await foreach (var file in FolderSource.EnumerateAsync(_folder))
        {
            files.Add(file);
        }

        Assert.Equal(["clip.mp4", "lonely.srt", "movie.final.srt", "movie.mkv", "song.mp3", "talk.srt", "talk.txt"], files.Select(f => Path.GetFileName(f.Path)));
        string[] SidecarsOf(string name) => [.. files.Single(f => Path.GetFileName(f.Path) == name).Sidecars.Select(Path.GetFileName)!];
        Assert.Equal(["clip.mp4.srt"], SidecarsOf("clip.mp4"));
        Assert.Equal(["movie.srt", "movie.en.vtt", "movie.pt-BR.srt"], SidecarsOf("movie.mkv"));
        Assert.Equal(["song.vtt"], SidecarsOf("song.mp3"));
        Assert.Empty(SidecarsOf("lonely.srt"));
        Assert.Empty(SidecarsOf("talk.txt"));
    }

    [Fact]
    public async Task Subtitles_become_timed_caption_segments_and_a_sidecar_is_not_a_document()
    {
        // embedded.mp4: an MP4 timed-text track. sidecar.mkv: a .srt beside it, and an embedded track it takes precedence
        // over. voice.wav: a recording with a .vtt. lonely.srt: subtitles of nothing, a text document as before.
        File.WriteAllText(Path.Combine(_folder, "embedded.srt.in"), EmbeddedSrt);
        MediaFiles.Ffmpeg(Path.Combine(_folder, "embedded.mp4"),
            $"-f lavfi -i testsrc=size=160x120:rate=10:duration=4 -f lavfi -i sine=frequency=440:duration=4 -f srt -i \"{Path.Combine(_folder, "embedded.srt.in")}\" " +
            "-map 0 -map 1 -map 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -c:s mov_text");
        MediaFiles.Ffmpeg(Path.Combine(_folder, "sidecar.mkv"),
            $"-f lavfi -i testsrc=size=160x120:rate=10:duration=5 -f srt -i \"{Path.Combine(_folder, "embedded.srt.in")}\" " +
            "-map 0 -map 1 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:s srt");
        File.Delete(Path.Combine(_folder, "embedded.srt.in"));
        Write("sidecar.srt", SidecarSrt);
        MediaFiles.Run("sox", $"-n -r 16000 -c 1 \"{Path.Combine(_folder, "voice.wav")}\" synth 2.5 sine 440");
        Write("voice.vtt", SidecarVtt);
        Write("lonely.srt", EmbeddedSrt);
        await using var harness = await Harness.CreateAsync(database.ConnectionString);

        var summary = await harness.IndexAsync(fixture.Pack, new IndexingRequest("subtitles", [_folder]));

        Assert.Equal(IndexingOutcome.Completed, summary.Outcome);
        Assert.Empty(summary.Failures);
        var documents = await Rows.DocumentsAsync(database.ConnectionString, "subtitles");
        Assert.Equal(["embedded.mp4", "lonely.srt", "sidecar.mkv", "voice.wav"], documents.Select(d => Path.GetFileName(d.Uri)));

        var segments = await Rows.SegmentsAsync(database.ConnectionString, "subtitles");
        (double? Start, double? End)[] Captions(string name) =>
            [.. segments.Where(s => Path.GetFileName(s.Uri) == name && s.Kind == "caption").OrderBy(s => s.Start).Select(s => (s.Start, s.End))];
        Assert.Equal([(0.5, 1.5), (2.0, 3.0)], Captions("embedded.mp4"));
        Assert.Equal([(1.25, 2.75), (3.5, 4.0)], Captions("sidecar.mkv"));
        Assert.Equal([(0.75, 1.75)], Captions("voice.wav"));
        Assert.Equal(["audio_window", "caption", "frame"], segments.Where(s => s.Uri.EndsWith("embedded.mp4", StringComparison.Ordinal)).Select(s => s.Kind).Distinct().Order(StringComparer.Ordinal));

        // The words reach full-text search as the document's caption: the sidecar's, not the track it replaced.
        string? CaptionOf(string name) => documents.Single(d => Path.GetFileName(d.Uri) == name).Caption;
        Assert.Equal("The ferry leaves at noon.\nBring a warm coat.", CaptionOf("embedded.mp4"));
        Assert.Equal("A kettle whistles in the kitchen.\nSomeone answers the door.", CaptionOf("sidecar.mkv"));
        Assert.Equal("The lighthouse is dark tonight.", CaptionOf("voice.wav"));
    }

    [Fact]
    public async Task A_broken_subtitle_sidecar_is_a_sidecar_error_and_the_video_is_indexed_without_it()
    {
        MediaFiles.Ffmpeg(Path.Combine(_folder, "film.mp4"),
            "-f lavfi -i testsrc=size=160x120:rate=10:duration=3 -c:v libx264 -preset ultrafast -pix_fmt yuv420p");
        Write("film.srt", "this file has no timing lines at all\n");
        await using var harness = await Harness.CreateAsync(database.ConnectionString);

        var summary = await harness.IndexAsync(fixture.Pack, new IndexingRequest("broken-subtitles", [_folder]));

        Assert.Equal(1, summary.Indexed);
        var failure = Assert.Single(summary.Failures);
        Assert.Equal(Path.Combine(_folder, "film.srt"), failure.Path);
        Assert.Contains("no cues", failure.Reason, StringComparison.Ordinal);
        var segments = await Rows.SegmentsAsync(database.ConnectionString, "broken-subtitles");
        Assert.Equal(["frame"], segments.Select(s => s.Kind).Distinct());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string content = "x") => File.WriteAllText(Path.Combine(_folder, name), content);
}
