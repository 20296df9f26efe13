using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Access;
using SearchEngine.Testing;

namespace SearchEngine.QueryApi.Tests.Writes;

/// <summary>
/// The real query API over <see cref="SampleCollection"/> (real PostgreSQL, the sample corpus indexed with the default
/// trained pack), with keys required (no anonymous read) and indexing jobs allowed under one folder of generated images
/// (<see cref="JobRoot"/>). One site serves every write test class (<see cref="Name"/>), whose tests run one at a time.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class WriteSite : IAsyncLifetime
{
    public const string Name = "writes";
    public const string Collection = SampleCollection.Name;

    /// <summary>Images in <see cref="ImageFolder"/>, which a job indexes.</summary>
    public const int Images = 4;

    /// <summary>Few iterations, so that each new key costs milliseconds (production uses 600,000).</summary>
    private const int Iterations = 10_000;

    private readonly SampleCollection _collection = new();
    private readonly string _root = Directory.CreateTempSubdirectory("searchengine-jobs-").FullName;
    private NpgsqlDataSource? _dataSource;
    private QueryApiFactory? _api;

    public HttpClient Client { get; private set; } = null!;

    public NpgsqlDataSource Data => _dataSource!;

    public ApiKeyStore Keys { get; private set; } = null!;

    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    public SampleCorpus Corpus => _collection.Corpus;

    /// <summary>The folder jobs may read (Jobs:Roots).</summary>
    public string JobRoot => _root;

    /// <summary><see cref="Images"/> generated images, inside <see cref="JobRoot"/>.</summary>
    public string ImageFolder => Path.Combine(_root, "images");

    /// <summary>The generated images and a file that only claims to be one, inside <see cref="JobRoot"/>.</summary>
    public string MixedFolder => Path.Combine(_root, "mixed");

    /// <summary>Where the API keeps its index files.</summary>
    public string IndexFolder => Settings["Search:IndexFolder"]!;

    /// <summary>A new key's text.</summary>
    public async Task<string> KeyAsync(string scopes, params string[] collections) =>
        (await Keys.CreateAsync("test " + scopes, scopes.Split(','), collections.Length == 0 ? null : collections)).Token;

    /// <summary>Another API over the same database with its settings changed (a null value removes a setting); the caller disposes it.</summary>
    public QueryApiFactory Variant(params (string Key, string? Value)[] settings)
    {
        var merged = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        return new QueryApiFactory(merged);
    }

    public async Task InitializeAsync()
    {
        var patterns = new[] { "testsrc", "smptebars", "rgbtestsrc", "mandelbrot" };
        Directory.CreateDirectory(ImageFolder);
        Directory.CreateDirectory(MixedFolder);
        for (var i = 0; i < Images; i++)
        {
            ExternalTool.Ffmpeg($"-f lavfi -i {patterns[i]}=size=160x120 -frames:v 1", Path.Combine(ImageFolder, $"{patterns[i]}.png"));
        }

        File.Copy(Path.Combine(ImageFolder, "testsrc.png"), Path.Combine(MixedFolder, "testsrc.png"));
        await File.WriteAllBytesAsync(Path.Combine(MixedFolder, "broken.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8]);

        await _collection.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_collection.ConnectionString);
        Keys = new ApiKeyStore(_dataSource, Options.Create(new AccessOptions { HashIterations = Iterations }));
        Settings = new Dictionary<string, string?>(_collection.ApiSettings)
        {
            ["Access:AnonymousRead"] = "false",
            ["Access:HashIterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
            ["Jobs:Roots:0"] = _root,
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

        await _collection.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}

/// <summary>The write tests share one <see cref="WriteSite"/> and run one at a time.</summary>
[CollectionDefinition(WriteSite.Name)]
public sealed class WriteSiteCollection : ICollectionFixture<WriteSite>;
