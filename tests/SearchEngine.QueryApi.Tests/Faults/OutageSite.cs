using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SearchEngine.Core;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Migrations;
using SearchEngine.Storage.Serving;

namespace SearchEngine.QueryApi.Tests.Faults;

/// <summary>
/// The real query API (in process) over a PostgreSQL server the test may stop and start, with a collection bound to the
/// default pack holding vector-only documents (written through <see cref="DocumentStore"/>, as the indexer writes them).
/// </summary>
internal sealed class OutageSite : IAsyncDisposable
{
    public const string Collection = "outage";
    public const string SearchUrl = $"/api/search?collection={Collection}&q=a%20dog%20on%20the%20grass&k=5";

    private readonly string _state = Directory.CreateTempSubdirectory("searchengine-outage-").FullName;

    private OutageSite(string connectionString, string? indexFolder, string? apiConnectionString, TimeSpan catchUpInterval)
    {
        ConnectionString = connectionString;
        Data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 }.ConnectionString);
        Api = new QueryApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Search"] = new NpgsqlConnectionStringBuilder(apiConnectionString ?? connectionString) { Timeout = 3 }.ConnectionString,
            ["Search:IndexFolder"] = indexFolder ?? Path.Combine(_state, "index"),
            ["Search:ThumbnailFolder"] = Path.Combine(_state, "thumbnails"),
            ["ModelPacks:PacksFolder"] = DefaultPack.PacksFolder,
            ["ModelPacks:DefaultPackId"] = DefaultPack.Id,
            ["Serving:CatchUpInterval"] = catchUpInterval.ToString("c", CultureInfo.InvariantCulture),
        });
    }

    public string ConnectionString { get; }

    /// <summary>The test's own access to the database (no pool, so an outage leaves nothing stale behind).</summary>
    public NpgsqlDataSource Data { get; }

    public QueryApiFactory Api { get; }

    public CollectionInfo? Info { get; private set; }

    /// <summary>
    /// Migrates the database (as the indexer does before the API serves) and makes the collection. With
    /// <paramref name="readRole"/>, also creates that role (as <c>searchengine-indexer migrate --read-role</c> does) and the
    /// API connects as it.
    /// </summary>
    public static async Task<OutageSite> CreateAsync(string connectionString, int documents, string? indexFolder = null, string? readRole = null, TimeSpan? catchUpInterval = null)
    {
        var apiConnection = readRole is null ? null
            : new NpgsqlConnectionStringBuilder(connectionString) { Username = readRole, Password = "reader-secret" }.ConnectionString;
        var site = new OutageSite(connectionString, indexFolder, apiConnection, catchUpInterval ?? TimeSpan.FromMilliseconds(500));
        await new MigrationRunner(site.Data).ApplyAsync();
        if (readRole is not null)
        {
            await ReadRole.EnsureAsync(site.Data, readRole, "reader-secret");
        }

        using var packs = new ServiceCollection().AddModelPacks(o =>
        {
            o.PacksFolder = DefaultPack.PacksFolder;
            o.DefaultPackId = DefaultPack.Id;
        }).BuildServiceProvider();
        var pack = packs.GetRequiredService<ModelPackRegistry>().Get(DefaultPack.Id);
        site.Info = await new CollectionStore(site.Data).CreateOrGetAsync(Collection, pack.Id, pack.Fingerprint, pack.Dimension);
        await site.WriteAsync(Enumerable.Range(0, documents).Select(i => $"seed/{i}.jpg").ToList(), seed: 1);
        return site;
    }

    /// <summary>Writes vector-only documents; returning means PostgreSQL acknowledged them (committed).</summary>
    public async Task WriteAsync(IReadOnlyList<string> uris, int seed)
    {
        var random = new Random(seed);
        var batch = uris.Select(uri =>
        {
            var vector = new float[Info!.Dimension];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(random.NextDouble() * 2 - 1);
            }

            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(uri)));
            return new DocumentWrite(uri, Modality.Image, sha, 1, [new Segment(SegmentKind.Whole, null, null, vector)]) { Caption = "a dog on the grass " + uri };
        }).ToList();
        await new DocumentStore(Data).WriteAsync(Info!, batch);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Data.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<List<long>> ScalarListAsync(string sql)
    {
        var values = new List<long>();
        await using var command = Data.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }

    /// <summary>Polls <paramref name="url"/> until it answers <paramref name="status"/>; fails the test after <paramref name="patience"/>.</summary>
    public static async Task<HttpResponseMessage> EventuallyAsync(HttpClient client, string url, HttpStatusCode status, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        HttpStatusCode last = default;
        while (true)
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            if (response.StatusCode == status)
            {
                return response;
            }

            last = response.StatusCode;
            response.Dispose();
            Assert.True(DateTime.UtcNow < deadline, $"{url} did not answer {(int)status} within {patience.TotalSeconds} s (last {(int)last})");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Data.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
