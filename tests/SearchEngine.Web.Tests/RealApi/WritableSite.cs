using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Access;
using SearchEngine.Testing.Sites;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// The real query-api on loopback (anonymous reads on, as for command 1) over its own <see cref="SampleCollection"/>,
/// with keys made in its database: for the page's key control and "Add files", which change the collection.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class WritableSite : IAsyncLifetime
{
    private readonly SampleCollection _collection = new();
    private QueryApiFactory? _api;
    private NpgsqlDataSource? _data;
    private ApiKeyStore? _keys;

    public Uri BaseUrl { get; private set; } = null!;

    public string Collection => SampleCollection.Name;

    public SampleCorpus Corpus => _collection.Corpus;

    /// <summary>A new key's text.</summary>
    public async Task<string> KeyAsync(string name, params string[] scopes) =>
        (await _keys!.CreateAsync(name, scopes, null)).Token;

    public async Task InitializeAsync()
    {
        await _collection.InitializeAsync();
        _data = NpgsqlDataSource.Create(_collection.ConnectionString);
        // Few iterations: the keys are made and checked in a test, not kept.
        _keys = new ApiKeyStore(_data, Options.Create(new AccessOptions { HashIterations = 10_000 }));
        _api = new QueryApiFactory(_collection.ApiSettings);
        BaseUrl = _api.StartOnLoopback();
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_data is not null)
        {
            await _data.DisposeAsync();
        }

        await _collection.DisposeAsync();
    }
}
