using System.Globalization;

namespace SearchEngine.QueryApi.Tests.Security;

/// <summary>
/// The sample collection with files that are dangerous to serve (an HTML page and an SVG with script, indexed as what
/// their bytes are) and files the tests change after indexing, served by the real query API with the corpus folder as
/// its only media root (<c>Media:Roots</c>). A folder outside the root holds a "secret" the tests try to reach.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class MediaSecuritySite : IAsyncLifetime
{
    public const string Secret = "TOP-SECRET-CONTENT-OUTSIDE-THE-ROOTS";

    private readonly SampleCollection _collection = new();
    private QueryApiFactory? _api;

    public string Folder => _collection.Corpus.Folder;

    public string Outside { get; } = Directory.CreateTempSubdirectory("searchengine-outside-").FullName;

    public string ConnectionString => _collection.ConnectionString;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _api!.Services;

    public SampleCorpus Corpus => _collection.Corpus;

    public async Task InitializeAsync()
    {
        // Written before the collection indexes its folder, so they are indexed with it.
        File.WriteAllText(Path.Combine(Folder, "page.html"), "<html><body><script>document.title='owned'</script><p>A dog runs in the park.</p></body></html>");
        File.WriteAllText(Path.Combine(Folder, "drawing.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\"><script>alert(document.cookie)</script><rect width=\"64\" height=\"32\" fill=\"red\"/></svg>");
        foreach (var name in new[] { "swap-outside.txt", "swap-inside.txt", "changed.txt", "swap-fifo.txt" })
        {
            File.WriteAllText(Path.Combine(Folder, name), $"A note about a dog, kept in {name}.");
        }

        File.WriteAllText(Path.Combine(Outside, "secret.txt"), Secret);
        await _collection.InitializeAsync();
        var settings = new Dictionary<string, string?>(_collection.ApiSettings)
        {
            ["Media:Roots:0"] = Folder,
            ["Media:MaxConcurrentQueryDecodes"] = 2.ToString(CultureInfo.InvariantCulture),
            ["Media:QueryDecodeQueueLength"] = 0.ToString(CultureInfo.InvariantCulture),
        };
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

        await _collection.DisposeAsync();
        Directory.Delete(Outside, recursive: true);
    }
}
