using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Access;
using SearchEngine.Testing;

namespace SearchEngine.QueryApi.Tests.Uploads;

/// <summary>
/// The real query API over a fresh real database with two collections bound to the default (trained) pack, each made
/// by the real indexer from one text file: <see cref="Collection"/> to upload into and <see cref="Other"/>. The serving
/// copy's own catch-up is slowed to a minute, so a document found right after its 201 was made searchable by the upload
/// itself. Small limits, so tests can cross them.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class UploadSite : IAsyncLifetime
{
    public const string Collection = "uploads";
    public const string Other = "other";
    public const long MaxFileBytes = 512 * 1024;
    public const int MaxFiles = 4;
    public const long MaxRequestBytes = 1_600_000;

    private readonly PostgresDatabase _database = new();
    private readonly string _state = Directory.CreateTempSubdirectory("searchengine-uploads-").FullName;
    private QueryApiFactory? _api;

    public HttpClient Client { get; private set; } = null!;

    public NpgsqlDataSource Data { get; private set; } = null!;

    /// <summary>A key with scope write on every collection.</summary>
    public string WriteKey { get; private set; } = "";

    public ApiKeyStore Keys { get; private set; } = null!;

    public string UploadRoot => Path.Combine(_state, "uploads");

    /// <summary>The text file the indexer indexed into <see cref="Collection"/> from a folder.</summary>
    public string SeedFile => Path.Combine(_state, "seed-" + Collection, "seed.txt");

    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>Another instance of the API over the same database, on Kestrel at a loopback port (for Kestrel's own limits); the caller disposes it.</summary>
    public (QueryApiFactory Api, HttpClient Client) OnKestrel()
    {
        var api = new QueryApiFactory(Settings);
        var address = api.StartOnLoopback();
        return (api, new HttpClient { BaseAddress = address });
    }

    public async Task<string> KeyAsync(string scopes, params string[] collections) =>
        (await Keys.CreateAsync("test " + scopes, scopes.Split(','), collections.Length == 0 ? null : collections)).Token;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = SiteSettings.Of(_database.ConnectionString, _state);
        settings["Access:AnonymousRead"] = "false";
        settings["Access:HashIterations"] = "10000";
        settings["QueryApi:MaxUploadBytes"] = MaxFileBytes.ToString(CultureInfo.InvariantCulture);
        settings["Uploads:MaxFilesPerRequest"] = MaxFiles.ToString(CultureInfo.InvariantCulture);
        settings["Uploads:MaxRequestBytes"] = MaxRequestBytes.ToString(CultureInfo.InvariantCulture);
        settings["Serving:CatchUpInterval"] = "00:01:00";
        foreach (var name in new[] { Collection, Other })
        {
            var folder = Directory.CreateDirectory(Path.Combine(_state, "seed-" + name)).FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, "seed.txt"), $"The first document of collection {name}: a note about gardening and tomatoes.");
            await SiteIndexing.IndexAsync(settings, name, [folder], expectedDocuments: 1);
        }

        Data = NpgsqlDataSource.Create(_database.ConnectionString);
        Keys = new ApiKeyStore(Data, Options.Create(new AccessOptions { HashIterations = 10_000 }));
        WriteKey = await KeyAsync("write");
        Settings = settings;
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

        if (Data is not null)
        {
            await Data.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
