using SearchEngine.Testing.Sites;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// The real query API on 127.0.0.1 and a free port over <see cref="HalvesCollection"/>: the sample corpus plus a
/// picture whose left half is the dog photo and whose right half the surfing photo, in real PostgreSQL with the
/// default pack. 13 documents: enough to page through, and a picture to crop.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class HalvesSite : Site.SearchSiteFixture
{
    public const string Collection = HalvesCollection.Name;

    public const int Documents = 13;

    private readonly HalvesCollection _collection = new();
    private QueryApiFactory? _api;
    private Uri? _baseUrl;

    public override Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The site has not been started.");

    public string HalvesPath => _collection.Corpus.PathOf(HalvesCollection.Halves);

    public override async Task InitializeAsync()
    {
        await _collection.InitializeAsync();
        _api = new QueryApiFactory(_collection.ApiSettings);
        _baseUrl = _api.StartOnLoopback();

        // The first search with each tower loads its model, which on a busy machine takes longer than a page waits.
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        using (var text = await http.GetAsync(new Uri($"api/search?collection={Collection}&q=warm&k=1", UriKind.Relative)))
        {
            text.EnsureSuccessStatusCode();
        }

        using var form = new MultipartFormDataContent
        {
            { new StringContent(Collection), "collection" },
            { new StringContent("1"), "k" },
            { new StringContent("0,0,0.5,1"), "crop" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(HalvesPath)), "file", HalvesCollection.Halves },
        };
        using var image = await http.PostAsync(new Uri("api/search", UriKind.Relative), form);
        image.EnsureSuccessStatusCode();
    }

    public override async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await _collection.DisposeAsync();
    }
}
