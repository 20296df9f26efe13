using System.Net;
using System.Text.Json;

namespace SearchEngine.QueryApi.Tests.Crops;

/// <summary>
/// Searching with a region of an image: an uploaded one (<c>crop</c> with the file) or an indexed one (<c>crop</c> with
/// its <c>documentId</c>, read from the document's own file). The collection holds a picture whose left half is the
/// dog photo and whose right half the surfing photo; each half alone must find its photo first. Real PostgreSQL, the
/// real index and the default pack.
/// </summary>
public sealed class CropSearchTests(CropSite site) : IClassFixture<CropSite>
{
    private const string Collection = HalvesCollection.Name;

    private async Task<long> HalvesIdAsync()
    {
        var response = await site.Client.GetJsonAsync($"/api/search?collection={Collection}&q=a dog and a surfer&modality=image&k=10");
        return response.Result(HalvesCollection.Halves).GetProperty("id").GetInt64();
    }

    [Theory]
    [InlineData("0,0,0.5,1", SampleCorpus.DogImage)]
    [InlineData("0.5,0,0.5,1", SampleCorpus.BeachImage)]
    public async Task A_crop_of_an_indexed_picture_finds_the_photo_of_that_half_first_and_leaves_the_picture_out(string crop, string expected)
    {
        var id = await HalvesIdAsync();
        var numbers = crop.Split(',').Select(n => double.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var response = await site.Client.PostJsonAsync(new
        {
            collection = Collection,
            documentId = id,
            modality = "image",
            k = 5,
            crop = new { x = numbers[0], y = numbers[1], w = numbers[2], h = numbers[3] },
        });

        Assert.Equal(expected, response.ResultFiles()[0]);
        Assert.DoesNotContain(HalvesCollection.Halves, response.ResultFiles());
        Assert.Equal(numbers[2], response.GetProperty("query").GetProperty("crop").GetProperty("w").GetDouble());
    }

    [Fact]
    public async Task The_two_halves_of_one_picture_find_different_photos_first()
    {
        // The whole picture's own search, for contrast: the crop changes what is found, not only its order.
        var id = await HalvesIdAsync();
        var left = await site.Client.PostJsonAsync(new { collection = Collection, documentId = id, modality = "image", k = 3, crop = new { x = 0.0, y = 0.0, w = 0.5, h = 1.0 } });
        var right = await site.Client.PostJsonAsync(new { collection = Collection, documentId = id, modality = "image", k = 3, crop = new { x = 0.5, y = 0.0, w = 0.5, h = 1.0 } });
        Assert.NotEqual(left.ResultFiles()[0], right.ResultFiles()[0]);
    }

    [Fact]
    public async Task A_crop_of_an_uploaded_picture_finds_the_photo_of_that_half_first()
    {
        var halves = site.Corpus.PathOf(HalvesCollection.Halves);
        var left = await site.Client.UploadAsync(halves, new Dictionary<string, string> { ["collection"] = Collection, ["modality"] = "image", ["crop"] = "0,0,0.5,1" });
        var right = await site.Client.UploadAsync(halves, new Dictionary<string, string> { ["collection"] = Collection, ["modality"] = "image", ["crop"] = "0.5,0,0.5,1" });

        Assert.Equal(SampleCorpus.DogImage, left.ResultFiles()[0]);
        Assert.Equal(SampleCorpus.BeachImage, right.ResultFiles()[0]);
        Assert.Equal(0.5, right.GetProperty("query").GetProperty("crop").GetProperty("x").GetDouble());
    }

    [Theory]
    [InlineData("0.8,0,0.5,1", "past the image's edge")]
    [InlineData("0,0,0,1", "no area")]
    [InlineData("-0.1,0,0.5,1", "in [0, 1]")]
    [InlineData("0,0,1.5,1", "in [0, 1]")]
    [InlineData("0,0,0.5", "four numbers")]
    [InlineData("left,0,0.5,1", "four numbers")]
    [InlineData("NaN,0,0.5,1", "in [0, 1]")]
    [InlineData("0,0,0.01,0.01", "at least 16 pixels")]
    public async Task An_invalid_crop_of_an_upload_is_a_400_naming_the_crop(string crop, string reason)
    {
        var problem = await site.Client.UploadAsync(site.Corpus.PathOf(HalvesCollection.Halves),
            new Dictionary<string, string> { ["collection"] = Collection, ["crop"] = crop }, HttpStatusCode.BadRequest);
        AssertCropProblem(problem, reason);
    }

    [Fact]
    public async Task An_invalid_crop_of_a_document_is_a_400_before_its_file_is_read()
    {
        var id = await HalvesIdAsync();
        AssertCropProblem(await site.Client.PostJsonAsync(new { collection = Collection, documentId = id, crop = new { x = 0.9, y = 0.0, w = 0.5, h = 1.0 } }, HttpStatusCode.BadRequest), "past the image's edge");
        AssertCropProblem(await site.Client.PostJsonAsync(new { collection = Collection, documentId = id, crop = new { x = 0.0, y = 0.0, w = 0.5 } }, HttpStatusCode.BadRequest), "all of x, y, w and h");
        AssertCropProblem(await site.Client.PostJsonAsync(new { collection = Collection, documentId = id, crop = new { x = 0.0, y = 0.0, w = 0.02, h = 0.02 } }, HttpStatusCode.BadRequest), "at least 16 pixels");
        AssertCropProblem(await site.Client.PostJsonAsync(new { collection = Collection, documentId = id, crop = "0,0,1,1" }, HttpStatusCode.BadRequest), "an object");
    }

    [Fact]
    public async Task A_crop_needs_an_image_to_cut()
    {
        AssertCropProblem(await site.Client.PostJsonAsync(new { collection = Collection, text = "a dog", crop = new { x = 0.0, y = 0.0, w = 0.5, h = 1.0 } }, HttpStatusCode.BadRequest), "send the image");

        var text = await site.Client.GetJsonAsync($"/api/search?collection={Collection}&q=chocolate cake&modality=text&k=1");
        var textId = text.GetProperty("results")[0].GetProperty("id").GetInt64();
        AssertCropProblem(await site.Client.PostJsonAsync(new { collection = Collection, documentId = textId, crop = new { x = 0.0, y = 0.0, w = 0.5, h = 1.0 } }, HttpStatusCode.BadRequest), "is text");

        AssertCropProblem(await site.Client.UploadAsync(site.Corpus.PathOf(SampleCorpus.Siren),
            new Dictionary<string, string> { ["collection"] = Collection, ["crop"] = "0,0,0.5,1" }, HttpStatusCode.BadRequest), "cuts a region out of an image");
    }

    [Fact]
    public async Task A_crop_of_a_document_of_another_collection_is_not_found()
    {
        var problem = await site.Client.PostJsonAsync(new { collection = Collection, documentId = 987_654_321L, crop = new { x = 0.0, y = 0.0, w = 0.5, h = 1.0 } }, HttpStatusCode.NotFound);
        Assert.Equal("documentId", problem.GetProperty("parameter").GetString());
    }

    private static void AssertCropProblem(JsonElement problem, string reason)
    {
        Assert.Equal("crop", problem.GetProperty("parameter").GetString());
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
