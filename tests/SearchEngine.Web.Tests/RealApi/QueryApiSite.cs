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
