using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using SearchEngine.Testing;
using SearchEngine.Testing.Sites;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// The real query API on a free port over photos with words drawn on them (<see cref="SignPictures"/>), a photo
/// without text, and a short WebM video whose second half shows a sign: indexed by the real job into real PostgreSQL,
/// with the API's background reading of text in pictures on (<c>Ocr:Enabled</c>), waited for until the text it read
/// is served.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class SignsSite : Site.SearchSiteFixture
{
    public const string Collection = "signs";

    public const string Exit = "exit.jpg";

    public const string Video = "street.webm";

    /// <summary>The pictures and the sign drawn on each (null: none).</summary>
    public static readonly IReadOnlyDictionary<string, Sign> Pictures = new Dictionary<string, Sign>
    {
        [Exit] = new("EXIT 42", Size: 44),
        ["bakery.jpg"] = new("FRESH BAKERY", Size: 40, CentreY: 0.3f),
        ["plain.jpg"] = new(null),
    };

    /// <summary>
    /// The Flickr8k training photo (its line in the split) under each picture, and under the video's two halves: ones
    /// the text detector finds these signs on (over some busy photos it misses even a plain upright sign).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, int> Photos = new Dictionary<string, int>
    {
        [Exit] = 233, ["bakery.jpg"] = 48, ["plain.jpg"] = 85, ["before"] = 122, ["after"] = 159,
    };

    /// <summary>The sign in the video's second half (its first half is a photo without text).</summary>
    public static readonly Sign VideoSign = new("HARBOUR ROAD", Size: 40);

    /// <summary>Seconds of the video; the sign shows from the middle on.</summary>
    public const double VideoSeconds = 8;

    private readonly PostgresDatabase _database = new();
    private readonly string _state = Directory.CreateTempSubdirectory("searchengine-web-signs-").FullName;
    private QueryApiFactory? _api;
    private Uri? _baseUrl;

    public override Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The site has not been started.");

    private string Folder => Path.Combine(_state, "pictures");

    public override async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        MakeMedia();
        var settings = SiteSettings.Of(_database.ConnectionString, _state);
        settings["Ocr:Enabled"] = "true";
        await SiteIndexing.IndexAsync(settings, Collection, [Folder], Pictures.Count + 1);
        _api = new QueryApiFactory(settings);
        _baseUrl = _api.StartOnLoopback();

        // Searchable by appearance at once (which also loads the text tower's model); the text follows in the background.
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while ((await http.GetFromJsonAsync<JsonElement>(new Uri($"api/collections/{Collection}", UriKind.Relative)))
            .GetProperty("enrichment").GetProperty("ocr").GetProperty("to_do").GetInt64() > 0)
        {
            await WaitAsync(deadline, "The text in the signs was not read within 4 minutes.");
        }

        // Every sign must have been read: the tests need their words' boxes, and a sign missed says the reader changed.
        var progress = (await http.GetFromJsonAsync<JsonElement>(new Uri($"api/collections/{Collection}", UriKind.Relative))).GetProperty("enrichment").GetProperty("ocr");
        var signs = Pictures.Values.Count(p => p.Text is not null) + 1;
        if (progress.GetProperty("with_text").GetInt64() != signs)
        {
            throw new InvalidOperationException($"Text was read in {progress.GetProperty("with_text")} of the {signs} pictures and videos with a sign: {progress}.");
        }

        // Read and committed; the served copy applies it at its next catch-up.
        var words = string.Join(' ', Pictures.Values.Select(p => p.Text).Append(VideoSign.Text));
        while ((await SearchAsync(http, new { collection = Collection, text = words, k = 10, filter = new { source = "ocr" } })).GetProperty("results").GetArrayLength() < signs)
        {
            await WaitAsync(deadline, "The text read in the signs was not served within 4 minutes.");
        }
    }

    /// <summary>The API's first result for <paramref name="query"/> whose URI ends with <paramref name="file"/>.</summary>
    public async Task<JsonElement> ResultAsync(string query, string file)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        var response = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/search?collection={Collection}&q={Uri.EscapeDataString(query)}", UriKind.Relative));
        return response.GetProperty("results").EnumerateArray().First(r => r.GetProperty("uri").GetString()!.EndsWith("/" + file, StringComparison.Ordinal));
    }

    public override async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    private static async Task<JsonElement> SearchAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri("api/search", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task WaitAsync(DateTime deadline, string message)
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException(message);
        }

        await Task.Delay(250);
    }

    private void MakeMedia()
    {
        Directory.CreateDirectory(Folder);
        var scratch = Directory.CreateDirectory(Path.Combine(_state, "scratch")).FullName;
        var photos = File.ReadAllLines(SharedFiles.Require("datasets/flickr8k/splits/train.txt"));
        string Photo(string name) => SharedFiles.Require(Path.Combine("datasets/flickr8k/images", photos[Photos[name]][..2], photos[Photos[name]]));
        foreach (var (file, sign) in Pictures)
        {
            SignPictures.Write(Path.Combine(Folder, file), Photo(file), sign);
        }

        // Two stills, the second with the sign, each half the video; VP8 with a quiet Opus track, which Chromium plays.
        var (before, after) = (Path.Combine(scratch, "before.jpg"), Path.Combine(scratch, "after.jpg"));
        SignPictures.Write(before, Photo("before"), new Sign(null));
        SignPictures.Write(after, Photo("after"), VideoSign);
        var half = VideoSeconds / 2;
        ExternalTool.Run("ffmpeg", string.Create(CultureInfo.InvariantCulture,
            $"-nostdin -v error -y -loop 1 -framerate 10 -t {half} -i \"{before}\" -loop 1 -framerate 10 -t {half} -i \"{after}\" " +
            $"-f lavfi -i anoisesrc=color=pink:amplitude=0.02:duration={VideoSeconds}:seed=7 " +
            $"-filter_complex [0:v][1:v]concat=n=2:v=1:a=0,format=yuv420p[v] -map [v] -map 2:a " +
            $"-c:v libvpx -deadline realtime -cpu-used 8 -b:v 800k -c:a libopus -b:a 48k -t {VideoSeconds} \"{Path.Combine(Folder, Video)}\""));
    }
}
