namespace SearchEngine.QueryApi.Tests;

/// <summary>
/// The real query API in memory over <see cref="SampleCollection"/> (real PostgreSQL, a real index the real indexing job
/// built with the default trained pack). Shared by the tests of one class.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class SearchSite : IAsyncLifetime
{
    public const string Collection = SampleCollection.Name;
    public const long UploadLimit = SampleCollection.UploadLimit;

    private readonly SampleCollection _collection = new();
    private QueryApiFactory? _api;

    public SampleCorpus Corpus => _collection.Corpus;

    public HttpClient Client { get; private set; } = null!;

    public string ConnectionString => _collection.ConnectionString;

    /// <summary>
    /// Another query API over the same collection with some settings changed (tight rate limits, a configured host
    /// name, …); the caller disposes it.
    /// </summary>
    public QueryApiFactory Variant(params (string Key, string? Value)[] settings)
    {
        var merged = new Dictionary<string, string?>(_collection.ApiSettings);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        return new QueryApiFactory(merged);
    }

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
