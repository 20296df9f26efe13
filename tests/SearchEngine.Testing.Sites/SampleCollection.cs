using System.Globalization;
using SearchEngine.Ingestion.Pipeline;
using Xunit;

namespace SearchEngine.Testing.Sites;

/// <summary>
/// <see cref="SampleCorpus"/> indexed by the real <see cref="IndexingJob"/> with the default (trained) model pack into
/// collection <see cref="Name"/> of a fresh real PostgreSQL database, with its index and thumbnails in a temporary
/// folder. <see cref="ApiSettings"/> is the configuration the query API needs to serve it.
/// </summary>
public sealed class SampleCollection : IAsyncLifetime
{
    public const string Name = "sample";

    /// <summary>A small upload limit, so tests can cross it without writing 25 MB.</summary>
    public const long UploadLimit = 2 * 1024 * 1024;

    private readonly PostgresDatabase _database = new();
    private readonly string _state = Directory.CreateTempSubdirectory("searchengine-site-").FullName;

    public SampleCorpus Corpus { get; } = new();

    public string ConnectionString => _database.ConnectionString;

    /// <summary>Configuration keys for query-api (and the indexer), valid after <see cref="InitializeAsync"/>.</summary>
    public IReadOnlyDictionary<string, string?> ApiSettings { get; private set; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = SiteSettings.Of(_database.ConnectionString, _state);
        settings["QueryApi:MaxUploadBytes"] = UploadLimit.ToString(CultureInfo.InvariantCulture);
        ApiSettings = settings;

        await SiteIndexing.IndexAsync(ApiSettings, Name, [Corpus.Folder]);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Corpus.Dispose();
        Directory.Delete(_state, recursive: true);
    }
}
