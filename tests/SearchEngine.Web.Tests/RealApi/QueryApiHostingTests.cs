using System.Text.Json;
using SearchEngine.Testing;
using SearchEngine.Testing.Sites;

namespace SearchEngine.Web.Tests.RealApi;

/// <summary>
/// How the browser suite reaches the API: query-api itself on a loopback TCP port, serving the page from its wwwroot
/// and the API on the same origin. Over an empty database, so it needs no model pack.
/// </summary>
public sealed class QueryApiHostingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Query_api_on_a_loopback_port_serves_the_page_and_the_api_from_one_origin()
    {
        var state = Directory.CreateTempSubdirectory("searchengine-hosting-").FullName;
        // The indexer owns the schema (the API never migrates): migrate first, as a deployment does.
        await using (var data = Npgsql.NpgsqlDataSource.Create(database.ConnectionString))
        {
            await new SearchEngine.Storage.Migrations.MigrationRunner(data).ApplyAsync();
        }

        try
        {
            await using var api = new QueryApiFactory(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Search"] = database.ConnectionString,
                ["Search:IndexFolder"] = Path.Combine(state, "index"),
                ["Search:ThumbnailFolder"] = Path.Combine(state, "thumbnails"),
            });
            var url = api.StartOnLoopback();
            Assert.Equal("127.0.0.1", url.Host);
            Assert.NotEqual(0, url.Port);

            using var http = new HttpClient { BaseAddress = url };
            var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("js/app.js", page, StringComparison.Ordinal);
            using var script = await http.GetAsync(new Uri("/js/api.js", UriKind.Relative));
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);

            using var collections = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/collections", UriKind.Relative)));
            Assert.Equal(0, collections.RootElement.GetArrayLength());
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
