using Xunit;

namespace SearchEngine.Testing.Sites;

/// <summary>
/// <see cref="SampleCorpus"/> plus <see cref="Halves"/>: its dog photo and its surfing photo side by side in one
/// picture (<see cref="HalvesPicture"/>), indexed by the real job with the default pack into collection
/// <see cref="Name"/> of a fresh real PostgreSQL database. A crop of one half must find the photo of that half.
/// </summary>
public sealed class HalvesCollection : IAsyncLifetime
{
    public const string Name = "halves";

    /// <summary>The picture of two halves: <see cref="SampleCorpus.DogImage"/> on the left, <see cref="SampleCorpus.BeachImage"/> on the right.</summary>
    public const string Halves = "halves.jpg";

    private readonly PostgresDatabase _database = new();
    private readonly string _state = Directory.CreateTempSubdirectory("searchengine-halves-").FullName;

    public SampleCorpus Corpus { get; } = new();

    /// <summary>Configuration keys for query-api, valid after <see cref="InitializeAsync"/>.</summary>
    public IReadOnlyDictionary<string, string?> ApiSettings { get; private set; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        HalvesPicture.Write(Corpus.PathOf(SampleCorpus.DogImage), Corpus.PathOf(SampleCorpus.BeachImage), Corpus.PathOf(Halves));
        await _database.InitializeAsync();
        ApiSettings = SiteSettings.Of(_database.ConnectionString, _state);
        await SiteIndexing.IndexAsync(ApiSettings, Name, [Corpus.Folder], expectedDocuments: 13);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Corpus.Dispose();
        Directory.Delete(_state, recursive: true);
    }
}
