using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Access;
using SearchEngine.Core;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Migrations;
using SearchEngine.Testing;

namespace SearchEngine.QueryApi.Tests.Access;

/// <summary>
/// The real query API over a real, migrated database with two empty collections (alpha and beta) and no model pack:
/// access is decided before any search runs, so these tests need no index. Keys are made straight in the store.
/// Anonymous read is off unless a variant says otherwise.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class AccessSite : IAsyncLifetime
{
    public const string Alpha = "alpha";
    public const string Beta = "beta";

    /// <summary>Few iterations, so that each new key in a test costs milliseconds (production uses 600,000).</summary>
    private const int Iterations = 10_000;

    private readonly PostgresDatabase _database = new();
    private readonly string _state = Directory.CreateTempSubdirectory("searchengine-access-").FullName;
    private NpgsqlDataSource? _dataSource;
    private QueryApiFactory? _api;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The one document, in <see cref="Beta"/>.</summary>
    public long BetaDocumentId { get; private set; }

    public ApiKeyStore Keys { get; private set; } = null!;

    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>Another API over the same database with some settings changed; the caller disposes it.</summary>
    public QueryApiFactory Variant(params (string Key, string? Value)[] settings)
    {
        var merged = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        return new QueryApiFactory(merged);
    }

    /// <summary>A new key's text.</summary>
    public async Task<string> KeyAsync(string scopes, params string[] collections) =>
        (await Keys.CreateAsync("test " + scopes, scopes.Split(','), collections.Length == 0 ? null : collections)).Token;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new MigrationRunner(_dataSource).ApplyAsync();
        var collections = new CollectionStore(_dataSource);
        await collections.CreateOrGetAsync(Alpha, "no-pack", new string('0', 64), 4);
        var beta = await collections.CreateOrGetAsync(Beta, "no-pack", new string('0', 64), 4);
        var written = await new DocumentStore(_dataSource).WriteAsync(beta,
            [new DocumentWrite("/media/beta.txt", Modality.Text, new string('b', 64), 4, [new Segment(SegmentKind.Whole, null, null, [1f, 0f, 0f, 0f])])]);
        BetaDocumentId = written.Documents[0].DocumentId;
        Keys = new ApiKeyStore(_dataSource, Options.Create(new AccessOptions { HashIterations = Iterations }));
        var packs = Directory.CreateDirectory(Path.Combine(_state, "packs")).FullName;
        Settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Search"] = _database.ConnectionString,
            ["Search:IndexFolder"] = Path.Combine(_state, "index"),
            ["Search:ThumbnailFolder"] = Path.Combine(_state, "thumbnails"),
            ["ModelPacks:PacksFolder"] = packs,
            ["Access:AnonymousRead"] = "false",
            ["Access:HashIterations"] = Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        _api = new QueryApiFactory(Settings);
        Client = _api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
