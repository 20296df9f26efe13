using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace SearchEngine.QueryApi.Tests.TextInPictures;

/// <summary>
/// Text read in pictures after indexing is found by a text query, in one list with matches by appearance, and the hit
/// says why and where: the words' boxes in the picture. Rotated and upside-down text is read; a picture without text
/// gets no text segment; the source filter keeps text matches only; the collection reports the pass's progress.
/// </summary>
public sealed class TextInPictureTests(SignCollection site) : IClassFixture<SignCollection>
{
    private const string C = SignCollection.Name;

    [Theory]
    [InlineData("exit", "exit.jpg", "EXIT")]
    [InlineData("bakery", "bakery.jpg", "BAKERY")]
    [InlineData("harbour road", "harbour.jpg", "HARBOUR")]
    [InlineData("parking", "parking.jpg", "PARKING")]
    public async Task A_word_in_a_picture_finds_it_first_and_says_where_it_is(string query, string file, string word)
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q={Uri.EscapeDataString(query)}&k=6");
        Assert.Equal(file, response.ResultFiles()[0]);

        var hit = response.Result(file);
        Assert.StartsWith("text in picture: '", hit.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains(word, hit.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var text = hit.GetProperty("text_in_picture");
        var (width, height) = (text.GetProperty("width").GetInt32(), text.GetProperty("height").GetInt32());
        var matched = text.GetProperty("words").EnumerateArray().Where(w => w.GetProperty("matched").GetBoolean()).ToList();
        var box = Assert.Single(matched, w => w.GetProperty("text").GetString() == word).GetProperty("box").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.True(box[0] >= 0 && box[1] >= 0 && box[2] > 4 && box[3] > 4 && box[0] + box[2] <= width && box[1] + box[3] <= height, $"box {string.Join(',', box)} in {width}×{height}");
    }

    [Fact]
    public async Task Text_in_a_video_frame_keeps_the_frame_time()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=museum&k=3");
        Assert.Equal(SignCollection.Video, response.ResultFiles()[0]);
        var text = response.Result(SignCollection.Video).GetProperty("text_in_picture");
        Assert.Equal(SignCollection.VideoText, text.GetProperty("text").GetString());
        // The sign is shown from 3 s on; of the keyframes that show it (every 2 s, and at a cut), the first is named.
        var time = text.GetProperty("time").GetDouble();
        Assert.InRange(time, 2.9, 4.5);
        Assert.StartsWith(FormattableString.Invariant($"text in frame at {time:0.#} s: 'CITY MUSEUM'"), response.Result(SignCollection.Video).GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_turned_word_has_its_box_where_the_sign_is_drawn()
    {
        // The bakery sign stands upright at the picture's centre: its words' boxes are tall, not wide.
        var hit = (await site.Client.GetJsonAsync($"/api/search?collection={C}&q=bakery&k=3")).Result("bakery.jpg");
        var box = hit.GetProperty("text_in_picture").GetProperty("words").EnumerateArray()
            .First(w => w.GetProperty("text").GetString() == "BAKERY").GetProperty("box").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.True(box[3] > 2 * box[2], $"box {string.Join(',', box)} should be a column");
    }

    [Fact]
    public async Task Pictures_without_text_get_no_text_segment_and_are_recorded_as_read()
    {
        await using var data = NpgsqlDataSource.Create(site.ConnectionString);
        await using var command = data.CreateCommand(
            """
            SELECT d.uri, e.outcome, (SELECT count(*) FROM segments AS s WHERE s.document_id = d.id AND s.kind = 'ocr')
            FROM documents AS d JOIN enrichments AS e ON e.document_id = d.id AND e.pass = 'ocr'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, (string Outcome, long Segments)>();
        while (await reader.ReadAsync())
        {
            rows[Path.GetFileName(reader.GetString(0))] = (reader.GetString(1), reader.GetInt64(2));
        }

        Assert.Equal(SignCollection.Documents, rows.Count);
        foreach (var (file, sign) in SignCollection.Pictures)
        {
            Assert.Equal(sign.Text is null ? ("no_text", 0L) : ("text", 1L), rows[file]);
        }
    }

    [Fact]
    public async Task The_source_filter_keeps_matches_by_text_in_pictures_only()
    {
        var response = await site.Client.PostJsonAsync(new { collection = C, text = "road", k = 10, filter = new { source = "ocr" } });
        var results = response.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("harbour.jpg", Assert.Single(results).GetProperty("uri").GetString()!.Split('/')[^1]);
        Assert.Equal(JsonValueKind.Object, results[0].GetProperty("text_in_picture").ValueKind);

        var unfiltered = await site.Client.GetJsonAsync($"/api/search?collection={C}&q=road&k=10");
        Assert.Equal(SignCollection.Documents, unfiltered.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_source_is_a_client_error_naming_the_sources()
    {
        using var response = await site.Client.PostAsJsonAsync(new Uri("/api/search", UriKind.Relative), new { collection = C, text = "exit", filter = new { source = "pixels" } });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ocr", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_collection_reports_the_pass_progress()
    {
        var progress = SignCollection.Progress(await site.Client.GetJsonAsync($"/api/collections/{C}"));
        Assert.Equal(SignCollection.Documents, progress.GetProperty("eligible").GetInt64());
        Assert.Equal(SignCollection.Documents, progress.GetProperty("done").GetInt64());
        Assert.Equal(0, progress.GetProperty("to_do").GetInt64());
        Assert.Equal(SignCollection.WithText, progress.GetProperty("with_text").GetInt64());
        Assert.Equal(0, progress.GetProperty("failed").GetInt64());
    }

    [Fact]
    public async Task A_query_for_something_else_is_not_answered_by_text_in_pictures()
    {
        // Text-to-text similarity is far above text-to-picture: without the query's words in it, a sign must not win.
        var response = await site.Client.GetJsonAsync($"/api/search?collection={C}&q={Uri.EscapeDataString("a dog running on the grass")}&k=6");
        Assert.All(response.GetProperty("results").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("text_in_picture").ValueKind));
    }
}
