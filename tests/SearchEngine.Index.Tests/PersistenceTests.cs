using SearchEngine.Core.Vectors;
using SearchEngine.Index;

namespace SearchEngine.Index.Tests;

public sealed class PersistenceTests : IDisposable
{
    private const int Dim = 40;
    private readonly string _dir = Directory.CreateTempSubdirectory("hnsw-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Save_and_load_round_trip_gives_identical_results(bool quantized)
    {
        var rows = TestData.Random(2000, Dim, 40);
        using var index = TestData.Build(rows, Dim, quantizer: quantized ? ScalarQuantizer.Train(rows, Dim, DistanceMetric.Cosine) : null);
        index.Remove(17);
        index.LastSequence = 123_456_789_012;
        var path = Path.Combine(_dir, "index.hnsw");
        index.Save(path);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
        using var loaded = HnswIndex.Load(path);
        Assert.Equal(index.Count, loaded.Count);
        Assert.Equal(123_456_789_012, loaded.LastSequence);
        Assert.False(loaded.Contains(17));
        var queries = TestData.Random(30, Dim, 41);
        for (var q = 0; q < 30; q++)
        {
            var options = new VectorSearchOptions { Ef = 40 };
            Assert.Equal(index.Search(queries.AsSpan(q * Dim, Dim), 10, options), loaded.Search(queries.AsSpan(q * Dim, Dim), 10, options));
        }
        loaded.Upsert(5000, rows.AsSpan(0, Dim));
        Assert.True(loaded.Contains(5000));
    }

    [Fact]
    public void Truncated_files_are_rejected_with_a_clear_error()
    {
        var path = SaveSmall();
        var bytes = File.ReadAllBytes(path);
        foreach (var length in new[] { 0, 10, 100, bytes.Length / 2, bytes.Length - 1 })
        {
            File.WriteAllBytes(path, bytes[..length]);
            var e = Assert.Throws<InvalidDataException>(() => HnswIndex.Load(path));
            Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Corrupted_bytes_anywhere_are_rejected()
    {
        var path = SaveSmall();
        var bytes = File.ReadAllBytes(path);
        var rng = new Random(42);
        var positions = new[] { 0, 9, 20, 40, 90, 200 }.Concat(Enumerable.Range(0, 40).Select(_ => rng.Next(bytes.Length)));
        foreach (var at in positions)
        {
            var copy = (byte[])bytes.Clone();
            copy[at] ^= 0x5A;
            File.WriteAllBytes(path, copy);
            Assert.Throws<InvalidDataException>(() => HnswIndex.Load(path));
        }
    }

    private string SaveSmall()
    {
        var rows = TestData.Random(300, Dim, 43);
        using var index = TestData.Build(rows, Dim);
        var path = Path.Combine(_dir, "small.hnsw");
        index.Save(path);
        return path;
    }
}
