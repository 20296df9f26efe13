using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SearchEngine.Media;
using SearchEngine.Media.Tests;

namespace SearchEngine.QueryApi.Tests.Security;

/// <summary>
/// GET /api/documents/{id}/media serves only regular files inside the media roots, still the file that was indexed,
/// as the type its bytes were recognised as, active content only as a download; and an uploaded playlist cannot make
/// the server decode one of its own files.
/// </summary>
public sealed class MediaSecurityTests(MediaSecuritySite site) : IClassFixture<MediaSecuritySite>
{
    [Fact]
    public async Task An_indexed_html_page_is_served_as_plain_text_download_never_as_a_page()
    {
        using var response = await MediaAsync("page.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        AssertSafeHeaders(response);
        Assert.Contains("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_indexed_svg_is_served_only_as_an_attachment()
    {
        using var response = await MediaAsync("drawing.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        AssertSafeHeaders(response);
    }

    [Fact]
    public async Task Plain_text_and_pictures_are_served_inline_as_their_sniffed_type_with_ranges()
    {
        using var text = await MediaAsync("dogs.txt");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/documents/{await IdOfAsync(SampleCorpus.DogImage)}/media", UriKind.Relative));
        request.Headers.Range = new RangeHeaderValue(0, 9);
        using var picture = await site.Client.SendAsync(request);

        Assert.Equal("text/plain; charset=utf-8", text.Content.Headers.ContentType!.ToString());
        Assert.Null(text.Content.Headers.ContentDisposition);
        AssertSafeHeaders(text);
        Assert.Equal(HttpStatusCode.PartialContent, picture.StatusCode);
        Assert.Equal("image/jpeg", picture.Content.Headers.ContentType!.MediaType);
        Assert.Equal(10, (await picture.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task A_file_replaced_by_a_symlink_out_of_the_roots_after_indexing_is_refused_without_a_byte_of_it()
    {
        var id = await IdOfAsync("swap-outside.txt");
        Replace("swap-outside.txt", () => File.CreateSymbolicLink(Path.Combine(site.Folder, "swap-outside.txt"), Path.Combine(site.Outside, "secret.txt")));

        using var response = await site.Client.GetAsync(new Uri($"/api/documents/{id}/media", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Media:Roots", body, StringComparison.Ordinal);
        Assert.DoesNotContain(MediaSecuritySite.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(site.Outside, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_replaced_by_a_symlink_to_another_file_inside_the_roots_is_a_conflict_asking_to_reindex()
    {
        var id = await IdOfAsync("swap-inside.txt");
        Replace("swap-inside.txt", () => File.CreateSymbolicLink(Path.Combine(site.Folder, "swap-inside.txt"), Path.Combine(site.Folder, "cake.txt")));

        using var response = await site.Client.GetAsync(new Uri($"/api/documents/{id}/media", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("re-run the indexer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_changed_after_indexing_is_a_conflict_asking_to_reindex()
    {
        var id = await IdOfAsync("changed.txt");
        await File.AppendAllTextAsync(Path.Combine(site.Folder, "changed.txt"), " And now something else.");

        using var response = await site.Client.GetAsync(new Uri($"/api/documents/{id}/media", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("changed after it was indexed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_replaced_by_a_named_pipe_is_refused_without_opening_it()
    {
        var id = await IdOfAsync("swap-fifo.txt");
        File.Delete(Path.Combine(site.Folder, "swap-fifo.txt"));
        using var fifo = new UnopenedFifo(Path.Combine(site.Folder, "swap-fifo.txt"));

        using var response = await site.Client.GetAsync(new Uri($"/api/documents/{id}/media", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("named pipe", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(fifo.WasOpened, "the API opened the FIFO");
    }

    [Fact]
    public async Task A_stored_path_that_is_a_symlink_out_of_the_roots_is_never_served()
    {
        // A row as an older indexer (or another tool) could have written it: a link in the folder, no recorded target.
        var link = Path.Combine(site.Folder, "legacy-link.txt");
        File.CreateSymbolicLink(link, Path.Combine(site.Outside, "secret.txt"));
        var id = await InsertDocumentAsync(link, MediaSecuritySite.Secret.Length);

        using var response = await site.Client.GetAsync(new Uri($"/api/documents/{id}/media", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(MediaSecuritySite.Secret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id3_upload_hiding_an_hls_playlist_that_names_a_local_ts_file_is_refused_without_the_path()
    {
        var ts = Path.Combine(site.Outside, "local.ts");
        using (var ffmpeg = System.Diagnostics.Process.Start("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=660:duration=2", "-c:a", "mp2", "-f", "mpegts", ts]))
        {
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);
        }

        var playlist = $"\n#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n{ts}\n#EXT-X-ENDLIST\n";

        using var id3 = await UploadAsync([.. "ID3"u8, 3, 0, 0, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(playlist)], "query.mp3");
        using var wav = await UploadAsync([.. "RIFF"u8, 0xFF, 0xFF, 0, 0, .. "WAVE"u8, .. Encoding.ASCII.GetBytes(playlist)], "query.wav");
        using var missing = await UploadAsync([.. "RIFF"u8, 0xFF, 0xFF, 0, 0, .. "WAVE"u8, .. Encoding.ASCII.GetBytes(playlist.Replace(ts, "/nonexistent/secret/path.ts", StringComparison.Ordinal))], "query.wav");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, id3.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wav.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        foreach (var response in new[] { id3, wav, missing })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(ts, body, StringComparison.Ordinal);
            Assert.DoesNotContain("/nonexistent", body, StringComparison.Ordinal);
            Assert.DoesNotContain("/tmp", body, StringComparison.Ordinal);
        }

        Assert.Equal("the audio stream could not be decoded (the file is damaged or not what its header says)",
            System.Text.Json.JsonDocument.Parse(await wav.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Uploads_beyond_the_decode_slots_and_queue_get_503_with_retry_after_and_the_next_one_is_served()
    {
        var gate = site.Services.GetRequiredService<QueryDecodeGate>();
        var clip = await File.ReadAllBytesAsync(site.Corpus.PathOf(SampleCorpus.DogBark));
        HttpResponseMessage refused;
        using (await gate.EnterAsync(CancellationToken.None))
        using (await gate.EnterAsync(CancellationToken.None))
        {
            refused = await UploadAsync(clip, "bark.ogg");
        }

        using var served = await UploadAsync(clip, "bark.ogg");

        using (refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
            Assert.Contains("Media:MaxConcurrentQueryDecodes", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private static void AssertSafeHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private void Replace(string name, Action create)
    {
        File.Delete(Path.Combine(site.Folder, name));
        create();
    }

    private async Task<HttpResponseMessage> MediaAsync(string name) =>
        await site.Client.GetAsync(new Uri($"/api/documents/{await IdOfAsync(name)}/media", UriKind.Relative));

    private async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string fileName)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(SearchSite.Collection), "collection");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await site.Client.PostAsync(new Uri("/api/search", UriKind.Relative), form);
    }

    private async Task<long> IdOfAsync(string name)
    {
        await using var connection = new NpgsqlConnection(site.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM documents WHERE uri = $1", connection);
        command.Parameters.AddWithValue(Path.Combine(site.Folder, name));
        return (long)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"{name} was not indexed"));
    }

    private async Task<long> InsertDocumentAsync(string uri, long size)
    {
        await using var connection = new NpgsqlConnection(site.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO documents (collection_id, uri, modality, content_sha256, size_bytes) " +
            "SELECT id, $1, 'text', repeat('ab', 32), $2 FROM collections WHERE name = $3 RETURNING id", connection);
        command.Parameters.AddWithValue(uri);
        command.Parameters.AddWithValue(size);
        command.Parameters.AddWithValue(SearchSite.Collection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
