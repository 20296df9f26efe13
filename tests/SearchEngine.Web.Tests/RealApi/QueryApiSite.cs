using SearchEngine.Testing.Sites;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// The real query-api on 127.0.0.1 and a free port, serving the page from its wwwroot and <see cref="SampleCollection"/>
/// (the shared sample corpus indexed by the real job with the trained default pack into a real PostgreSQL database).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class QueryApiSite : IndexedCollectionSite
{
    private readonly SampleCollection _collection = new();
    private QueryApiFactory? _api;
    private Uri? _baseUrl;

    public override Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The site has not been started.");

    public override string Collection => SampleCollection.Name;

    // The corpus holds one photo per subject (dog, surfer, bike, snow) among 12 documents of four kinds; "All" also
    // ranks the dog video, dogs.txt and the bark, so the dog photo within the first 5 is the shared space at work.
    public override ExpectedMatch TextMatch { get; } = new("a dog running on the grass", SampleCorpus.DogImage);

    public override string ExampleImagePath => _collection.Corpus.PathOf(SampleCorpus.BeachImage);

    public override string ExampleAudioPath => _collection.Corpus.PathOf(SampleCorpus.DogBark);

    public override async Task InitializeAsync()
    {
        await _collection.InitializeAsync();
        _api = new QueryApiFactory(_collection.ApiSettings);
        _baseUrl = _api.StartOnLoopback();
        await WarmUpAsync();
    }

    /// <summary>
    /// One search per tower before the browser comes: the first use of each loads its ONNX model, which on a busy
    /// machine takes longer than the page's assertions wait for a search to finish.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        using (var text = await http.GetAsync(new Uri($"api/search?collection={Collection}&q=warm&k=1", UriKind.Relative)))
        {
            text.EnsureSuccessStatusCode();
        }

        foreach (var example in new[] { ExampleImagePath, ExampleAudioPath })
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(Collection), "collection" },
                { new StringContent("1"), "k" },
                { new ByteArrayContent(await File.ReadAllBytesAsync(example)), "file", Path.GetFileName(example) },
            };
            using var response = await http.PostAsync(new Uri("api/search", UriKind.Relative), form);
            response.EnsureSuccessStatusCode();
        }
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
