namespace SearchEngine.QueryApi.Tests.Crops;

/// <summary>The real query API in memory over <see cref="HalvesCollection"/>. Shared by the tests of one class.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class CropSite : IAsyncLifetime
{
    private readonly HalvesCollection _collection = new();
    private QueryApiFactory? _api;

    public SampleCorpus Corpus => _collection.Corpus;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _collection.InitializeAsync();
        _api = new QueryApiFactory(_collection.ApiSettings);
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
    }
}
