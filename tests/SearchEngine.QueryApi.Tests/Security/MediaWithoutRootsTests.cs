using System.Net;
using Npgsql;

namespace SearchEngine.QueryApi.Tests.Security;

/// <summary>
/// With no <c>Media:Roots</c> configured (the default), the API serves a document's file only while its path still
/// leads to the file the indexer resolved: a file swapped for a link after indexing is refused.
/// </summary>
public sealed class MediaWithoutRootsTests(SearchSite site) : IClassFixture<SearchSite>
{
    [Fact]
    public async Task A_file_replaced_by_a_symlink_after_indexing_is_not_served_and_an_untouched_one_is()
    {
        var outside = Directory.CreateTempSubdirectory("searchengine-outside-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "secret.txt"), "NOT-FOR-CLIENTS");
            var swapped = site.Corpus.PathOf("traffic.txt");
            var id = await IdOfAsync(swapped);
            File.Delete(swapped);
            File.CreateSymbolicLink(swapped, Path.Combine(outside, "secret.txt"));

            using var refused = await site.Client.GetAsync(new Uri($"/api/documents/{id}/media", UriKind.Relative));
            using var served = await site.Client.GetAsync(new Uri($"/api/documents/{await IdOfAsync(site.Corpus.PathOf("cake.txt"))}/media", UriKind.Relative));

            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.DoesNotContain("NOT-FOR-CLIENTS", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.StartsWith("How to bake", await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    private async Task<long> IdOfAsync(string uri)
    {
        await using var connection = new NpgsqlConnection(site.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM documents WHERE uri = $1", connection);
        command.Parameters.AddWithValue(uri);
        return (long)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"{uri} was not indexed"));
    }
}
