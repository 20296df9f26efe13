using SearchEngine.Core.Media;
using SearchEngine.Retrieval.Queries;

namespace SearchEngine.Retrieval.Tests.Queries;

/// <summary>A crop box is checked before any image is read, and cuts exactly the pixels it names.</summary>
public sealed class CropBoxTests
{
    [Theory]
    [InlineData(0, 0, 1, 1)]
    [InlineData(0.5, 0, 0.5, 1)]
    [InlineData(0.3, 0.3, 0.7000001, 0.7)] // a client's rounding past the edge by a hair
    public void A_region_inside_the_image_has_no_problem(double x, double y, double w, double h) =>
        Assert.Null(new CropBox(x, y, w, h).Problem());

    [Theory]
    [InlineData(-0.1, 0, 0.5, 0.5, "in [0, 1]")]
    [InlineData(0, 0, 1.2, 0.5, "in [0, 1]")]
    [InlineData(double.NaN, 0, 0.5, 0.5, "in [0, 1]")]
    [InlineData(0, 0, 0, 0.5, "no area")]
    [InlineData(0.6, 0, 0.5, 0.5, "past the image's edge")]
    [InlineData(0, 0.9, 0.5, 0.2, "past the image's edge")]
    public void A_box_outside_the_image_or_without_area_is_a_problem(double x, double y, double w, double h, string reason) =>
        Assert.Contains(reason, new CropBox(x, y, w, h).Problem(), StringComparison.Ordinal);

    [Fact]
    public void The_cut_holds_exactly_the_pixels_of_the_region()
    {
        // 40×20, each pixel's red = its column, green = its row.
        var pixels = new byte[40 * 20 * 3];
        for (var row = 0; row < 20; row++)
        {
            for (var column = 0; column < 40; column++)
            {
                pixels[((row * 40) + column) * 3] = (byte)column;
                pixels[(((row * 40) + column) * 3) + 1] = (byte)row;
            }
        }

        var cut = new CropBox(0.5, 0, 0.5, 1).Cut(new RgbImage(40, 20, pixels));

        Assert.Equal((20, 20), (cut.Width, cut.Height));
        Assert.Equal(20, cut.Pixels[0]);
        Assert.Equal(39, cut.Pixels[((19 * 20) + 19) * 3]);
        Assert.Equal(19, cut.Pixels[(((19 * 20) + 19) * 3) + 1]);
    }

    [Fact]
    public void A_region_under_sixteen_pixels_a_side_is_refused_naming_the_crop()
    {
        var error = Assert.Throws<QueryException>(() => new CropBox(0, 0, 0.1, 1).Cut(new RgbImage(100, 100, new byte[100 * 100 * 3])));
        Assert.Equal("crop", error.Parameter);
        Assert.Contains("10×100 pixels", error.Message, StringComparison.Ordinal);
    }
}
