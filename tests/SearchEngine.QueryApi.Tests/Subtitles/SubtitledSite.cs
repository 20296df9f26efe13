using System.Diagnostics;
using System.Globalization;
using SearchEngine.Testing;

namespace SearchEngine.QueryApi.Tests.Subtitles;

/// <summary>
/// Three short videos whose words are only in their subtitles (an embedded Matroska SRT track, an embedded MP4 timed-text
/// track, a <c>.srt</c> beside the third), made with ffmpeg, indexed by the real indexing job with the default pack
/// into real PostgreSQL, and served by the real query API.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class SubtitledSite : IAsyncLifetime
{
    public const string Collection = "subtitled";

    /// <summary>The cues of each video: file, start, end, line.</summary>
    public static readonly (string File, double Start, double End, string Text)[] Cues =
    [
        ("harbour.mkv", 1.0, 2.5, "The fishing boats come back into the harbour at dawn."),
        ("harbour.mkv", 4.0, 5.5, "Seagulls circle over the nets on the pier."),
        ("kitchen.mp4", 0.5, 2.0, "Grandmother kneads the bread dough on the wooden table."),
        ("kitchen.mp4", 3.25, 4.75, "The kettle starts whistling on the stove."),
        ("garden.mp4", 1.5, 3.0, "Bees are buzzing around the lavender bushes."),
        ("garden.mp4", 4.5, 5.75, "A child waters the tomato plants with a red can."),
    ];

    private readonly PostgresDatabase _database = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("searchengine-subtitled-").FullName;
    private QueryApiFactory? _api;

    public string MediaFolder => Path.Combine(_folder, "media");

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        MakeVideos();
        await _database.InitializeAsync();
        var settings = SiteSettings.Of(_database.ConnectionString, _folder);
        await SiteIndexing.IndexAsync(settings, Collection, [MediaFolder], expectedDocuments: 3);
        _api = new QueryApiFactory(settings);
        Client = _api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private void MakeVideos()
    {
        Directory.CreateDirectory(MediaFolder);
        var inputs = Path.Combine(_folder, "inputs");
        Directory.CreateDirectory(inputs);
        foreach (var file in Cues.Select(c => c.File).Distinct())
        {
            File.WriteAllText(Path.Combine(inputs, file + ".srt"), Srt(file));
        }

        // Different pictures and sounds, so nothing but the words tells the videos apart for a text query.
        const string Picture = "-f lavfi -i {0}=size=160x120:rate=10:duration=6 -f lavfi -i sine=frequency={1}:duration=6";
        Ffmpeg(string.Format(CultureInfo.InvariantCulture, Picture, "testsrc", 330) + $" -f srt -i \"{Path.Combine(inputs, "harbour.mkv.srt")}\" " +
            "-map 0 -map 1 -map 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a flac -c:s srt", "harbour.mkv");
        Ffmpeg(string.Format(CultureInfo.InvariantCulture, Picture, "smptebars", 550) + $" -f srt -i \"{Path.Combine(inputs, "kitchen.mp4.srt")}\" " +
            "-map 0 -map 1 -map 2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -c:s mov_text", "kitchen.mp4");
        Ffmpeg(string.Format(CultureInfo.InvariantCulture, Picture, "rgbtestsrc", 770) +
            " -map 0 -map 1 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac", "garden.mp4");
        File.Copy(Path.Combine(inputs, "garden.mp4.srt"), Path.Combine(MediaFolder, "garden.srt"));
    }

    private static string Srt(string file) => string.Concat(Cues.Where(c => c.File == file).Select((c, i) =>
        $"{i + 1}\n{Time(c.Start)} --> {Time(c.End)}\n{c.Text}\n\n"));

    private static string Time(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\,fff", CultureInfo.InvariantCulture);

    private void Ffmpeg(string arguments, string output) => ExternalTool.Ffmpeg(arguments, Path.Combine(MediaFolder, output));
}
