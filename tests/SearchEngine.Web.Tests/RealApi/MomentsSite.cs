using System.Diagnostics;
using System.Globalization;
using SearchEngine.Testing;
using SearchEngine.Testing.Sites;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// The real query API on a free port over a collection of two half-minute WebM videos made with ffmpeg and espeak-ng
/// (spoken sound, test-pattern pictures) with <c>.srt</c> sidecars: moments to find by their words, and a sound to
/// cut a clip from. Indexed by the real job with the default pack and fingerprints into real PostgreSQL.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class MomentsSite : Site.SearchSiteFixture
{
    public const string Collection = "moments";

    public const string Harbour = "harbour.webm";

    public const double Seconds = 30;

    /// <summary>The subtitle lines: file, start, end, words.</summary>
    public static readonly (string File, double Start, double End, string Text)[] Cues =
    [
        (Harbour, 4.0, 6.5, "The fishing boats come back into the harbour at dawn."),
        (Harbour, 17.25, 19.5, "Seagulls circle over the nets on the pier."),
        ("kitchen.webm", 3.0, 5.0, "Grandmother kneads the bread dough on the wooden table."),
        ("kitchen.webm", 12.5, 14.0, "The kettle starts whistling on the stove."),
    ];

    private readonly PostgresDatabase _database = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("searchengine-web-moments-").FullName;
    private QueryApiFactory? _api;
    private Uri? _baseUrl;

    public override Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The site has not been started.");

    public string MediaFolder => Path.Combine(_folder, "media");

    /// <summary>Where the test's own files go (clips cut from the media), outside the indexed folder.</summary>
    public string ScratchFolder => Path.Combine(_folder, "scratch");

    public override async Task InitializeAsync()
    {
        MakeMedia();
        await _database.InitializeAsync();
        var settings = SiteSettings.Of(_database.ConnectionString, _folder);
        await SiteIndexing.IndexAsync(settings, Collection, [MediaFolder], expectedDocuments: 2);
        _api = new QueryApiFactory(settings);
        _baseUrl = _api.StartOnLoopback();

        // The first search loads the text tower's model, which on a busy machine takes longer than a page waits.
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        using var warm = await http.GetAsync(new Uri($"api/search?collection={Collection}&q=warm&k=1", UriKind.Relative));
        warm.EnsureSuccessStatusCode();
    }

    public override async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A WAV clip of <paramref name="file"/>'s sound from <paramref name="start"/> for <paramref name="length"/> seconds, made with ffmpeg.</summary>
    public string CutSound(string file, double start, double length)
    {
        var clip = Path.Combine(ScratchFolder, $"{Path.GetFileNameWithoutExtension(file)}-{start:0.##}-{length:0.##}.wav".Replace(',', '.'));
        Run("ffmpeg", string.Create(CultureInfo.InvariantCulture,
            $"-nostdin -v error -y -ss {start} -t {length} -i \"{Path.Combine(MediaFolder, file)}\" -vn -ac 1 -ar 22050 \"{clip}\""));
        return clip;
    }

    private void MakeMedia()
    {
        Directory.CreateDirectory(MediaFolder);
        Directory.CreateDirectory(ScratchFolder);
        var speech = new Dictionary<string, string>
        {
            // About 28 s of speech: a clip cut anywhere in the first 24 s is all voice.
            [Harbour] = "Every morning the old harbour wakes before the sun. Ropes creak, engines cough, and the first crates of fish " +
                "slide across the wet stones. A bell rings twice from the tower, and the market opens its shutters one by one. " +
                "Fishermen shout the prices of the day, gulls argue over scraps, and a boy on a bicycle delivers bread to the boats " +
                "that stayed in port. By noon the tide has turned and the quay smells of tar and salt.",
            ["kitchen.webm"] = "In the kitchen the radio plays quietly while flour dusts the table. A spoon taps the rim of a bowl, " +
                "the oven door squeaks open, and somebody hums an old song about the rain in the mountains.",
        };
        var pictures = new Dictionary<string, string> { [Harbour] = "testsrc", ["kitchen.webm"] = "smptebars" };
        foreach (var (file, words) in speech)
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            var voice = Path.Combine(ScratchFolder, stem + ".wav");
            Run("espeak-ng", $"-s 150 -w \"{voice}\" \"{words}\"");
            // The speech, padded with a quiet hum to the full length, under a test pattern; Opus and VP8, which Chromium plays.
            Run("ffmpeg", string.Create(CultureInfo.InvariantCulture,
                $"-nostdin -v error -y -f lavfi -i {pictures[file]}=size=320x240:rate=10:duration={Seconds} -i \"{voice}\" " +
                $"-f lavfi -i anoisesrc=color=pink:amplitude=0.02:duration={Seconds}:seed=7 " +
                $"-filter_complex [1:a]apad[s];[s][2:a]amix=inputs=2:duration=shortest:normalize=0[a] -map 0:v -map [a] " +
                $"-c:v libvpx -deadline realtime -cpu-used 8 -b:v 300k -c:a libopus -b:a 64k -t {Seconds} \"{Path.Combine(MediaFolder, file)}\""));
            File.WriteAllText(Path.Combine(MediaFolder, stem + ".srt"), string.Concat(Cues.Where(c => c.File == file).Select((c, i) =>
                $"{i + 1}\n{Time(c.Start)} --> {Time(c.End)}\n{c.Text}\n\n")));
        }
    }

    private static string Time(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\,fff", CultureInfo.InvariantCulture);

    private static void Run(string tool, string arguments) => ExternalTool.Run(tool, arguments);
}
