using SearchEngine.Training.Features;

namespace SearchEngine.Training.Tests;

public sealed class FeatureCacheTests
{
    [Fact]
    public void Saved_features_read_back_within_float16_precision()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cache-{Guid.NewGuid():N}.f16");
        try
        {
            var cache = FeatureCache.Open(path, 4);
            cache.Add("a.jpg", new FeatureMatrix(1, 4, [0.5f, 1.25f, -3f, 100.1f]));
            cache.Add("b.opus", new FeatureMatrix(2, 4, [1, 2, 3, 4, 5, 6, 7, 8]));
            cache.Save();

            var read = FeatureCache.Open(path, 4);
            Assert.Equal(2, read.Count);
            Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, read.Get("b.opus").Values);
            Assert.Equal(100.1f, read.Get("a.jpg").Values[3], 0.1f);
            Assert.Throws<InvalidDataException>(() => FeatureCache.Open(path, 5));
            Assert.Throws<KeyNotFoundException>(() => read.Get("missing.jpg"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
