using System.Text.Json;
using SearchEngine.Testing;
using SearchEngine.Testing.Sites;

namespace SearchEngine.QueryApi.Tests.TextInPictures;

/// <summary>
/// Photos with words drawn on them (upright, turned 90° and 180°, on a plate and straight on the photo) and photos
/// without text, indexed by the real job into a real database, and the real query API with its background reading of
/// text in pictures on, waited for until it has read them all.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class SignCollection : IAsyncLifetime
{
    public const string Name = "signs";

    /// <summary>The pictures and the text drawn on each (null: none).</summary>
    public static readonly IReadOnlyDictionary<string, Sign> Pictures = new Dictionary<string, Sign>
    {
        ["exit.jpg"] = new("EXIT 42", Size: 44),
        ["bakery.jpg"] = new("FRESH BAKERY", Angle: 90, Size: 40),
        ["harbour.jpg"] = new("HARBOUR ROAD", Angle: 180, Size: 40),
        ["parking.jpg"] = new("PARKING ONLY", Size: 40, Font: "DejaVuSans.ttf", Plate: false, CentreY: 0.3f),
        ["plain-1.jpg"] = new(null),
        ["plain-2.jpg"] = new(null),
    };

    /// <summary>A video: three seconds of a photo, then three of a sign reading <see cref="VideoText"/>.</summary>
    public const string Video = "museum.mp4";

    public const string VideoText = "CITY MUSEUM";

    /// <summary>Documents in the collection: the pictures and the video.</summary>
    public static int Documents => Pictures.Count + 1;

    /// <summary>Documents with text drawn in them.</summary>
    public static int WithText => Pictures.Values.Count(p => p.Text is not null) + 1;

    private readonly PostgresDatabase _database = new();
    private readonly string _state = Directory.CreateTempSubdirectory("searchengine-signs-").FullName;
    private QueryApiFactory? _api;

    public string Folder => Path.Combine(_state, "pictures");

    public string ConnectionString => _database.ConnectionString;

    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Directory.CreateDirectory(Folder);
        var photos = File.ReadAllLines(SharedFiles.Require("datasets/flickr8k/splits/train.txt"));
        var i = 0;
        foreach (var (file, sign) in Pictures)
        {
            var photo = photos[(i++ * 37) + 11];
            SignPictures.Write(Path.Combine(Folder, file), SharedFiles.Require(Path.Combine("datasets/flickr8k/images", photo[..2], photo)), sign);
        }

        var frames = Directory.CreateTempSubdirectory("searchengine-signs-frames-").FullName;
        var (plain, museum) = (Path.Combine(frames, "plain.jpg"), Path.Combine(frames, "museum.jpg"));
        SignPictures.Write(plain, SharedFiles.Require(Path.Combine("datasets/flickr8k/images", photos[401][..2], photos[401])), new Sign(null));
        SignPictures.Write(museum, SharedFiles.Require(Path.Combine("datasets/flickr8k/images", photos[401][..2], photos[401])), new Sign(VideoText, Size: 40));
        ExternalTool.Ffmpeg(
            $"-loop 1 -t 3 -i \"{plain}\" -loop 1 -t 3 -i \"{museum}\" -filter_complex concat=n=2:v=1:a=0 -r 10 -pix_fmt yuv420p", Path.Combine(Folder, Video));
        Directory.Delete(frames, recursive: true);

        var settings = SiteSettings.Of(_database.ConnectionString, _state);
        settings["Ocr:Enabled"] = "true";
        settings["Ocr:Workers"] = "2";
        Settings = settings;
        await SiteIndexing.IndexAsync(settings, Name, [Folder], Documents);
        _api = new QueryApiFactory(settings);
        Client = _api.CreateClient();

        // Searchable by appearance at once; the text follows in the background.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (Progress(await Client.GetJsonAsync($"/api/collections/{Name}")).GetProperty("to_do").GetInt64() > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The text in the signs was not read within 3 minutes.");
            }

            await Task.Delay(250);
        }

        // Read and committed; the served copy applies it at its next catch-up.
        var withText = Progress(await Client.GetJsonAsync($"/api/collections/{Name}")).GetProperty("with_text").GetInt64();
        while ((await Client.PostJsonAsync(new { collection = Name, text = string.Join(' ', Pictures.Values.Select(p => p.Text).Append(VideoText)), k = 10, filter = new { source = "ocr" } }))
            .GetProperty("results").GetArrayLength() < withText)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The text read in the signs was not served within 3 minutes.");
            }

            await Task.Delay(250);
        }
    }

    public static JsonElement Progress(JsonElement collection) => collection.GetProperty("enrichment").GetProperty("ocr");

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
