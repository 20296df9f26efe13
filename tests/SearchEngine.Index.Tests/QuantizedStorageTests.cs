using SearchEngine.Core.Vectors;

namespace SearchEngine.Index.Tests;

/// <summary>The int8 index: codes in RAM, full-precision rows in an unlinked memory-mapped file, top candidates re-scored.</summary>
public class QuantizedStorageTests
{
    private const int Dim = 100;

    [Fact]
    public void Float_rows_live_in_an_unlinked_mapped_file_and_the_graph_holds_only_codes()
    {
        var rows = TestData.Clustered(2000, Dim, 20, 40);
        var directory = Directory.CreateTempSubdirectory("hnsw-rows-test-").FullName;
        try
        {
            using var quantized = Build(rows, DistanceMetric.Cosine, rescoreFactor: 4, directory);
            using var plain = TestData.Build(rows, Dim);
            // The backing file is unlinked as soon as it is open: a crash leaves nothing behind.
            Assert.Empty(Directory.GetFileSystemEntries(directory));
            Assert.True(quantized.MappedRowBytes >= 2000L * Dim * sizeof(float), $"mapped {quantized.MappedRowBytes}");
            Assert.Equal(0, plain.MappedRowBytes);
            // Per node: 24-byte header and 32 links in both; 112 code bytes instead of 400 float bytes.
            Assert.True(quantized.GraphBytes < plain.GraphBytes * 0.6, $"graph {quantized.GraphBytes} vs {plain.GraphBytes}");
            // What the abstraction reports (a shard replica's status, GET /api/cluster) counts both kinds of memory.
            Assert.Equal(quantized.GraphBytes + quantized.MappedRowBytes, ((IVectorIndex)quantized).MemoryBytes);
            Assert.Equal(plain.GraphBytes, ((IVectorIndex)plain).MemoryBytes);
            Assert.True(plain.MemoryBytes >= 2000L * Dim * sizeof(float), $"plain {plain.MemoryBytes}");
            var hit = quantized.Search(rows.AsSpan(7 * Dim, Dim), 1, new VectorSearchOptions { Ef = 40 })[0];
            Assert.Equal(7, hit.Id);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.L2)]
    public void Rescoring_the_top_candidates_keeps_the_recall_of_rescoring_all(DistanceMetric metric)
    {
        var rows = TestData.Clustered(3000, Dim, 30, 41);
        var queries = TestData.Clustered(100, Dim, 30, 42);
        using var top = Build(rows, metric, rescoreFactor: 4, directory: null);
        using var all = Build(rows, metric, rescoreFactor: 0, directory: null);
        var recallTop = TestData.Recall(top, rows, queries, Dim, 10, 100, metric);
        var recallAll = TestData.Recall(all, rows, queries, Dim, 10, 100, metric);
        // The floor is the int8 walk's (0.91–0.97 at ef 100 on this tight-cluster set), not the re-scoring's.
        Assert.True(recallTop >= 0.9, $"recall {recallTop} re-scoring 40 candidates, {recallAll} all");
        Assert.True(recallTop >= recallAll - 0.02, $"recall {recallTop} re-scoring 40 vs {recallAll} re-scoring all");
    }

    [Fact]
    public void Quantized_index_round_trips_through_a_file_with_its_rows_mapped_again()
    {
        var rows = TestData.Clustered(1500, Dim, 15, 43);
        var path = Path.Combine(Path.GetTempPath(), $"hnsw-q-{Guid.NewGuid():N}.idx");
        try
        {
            using (var index = Build(rows, DistanceMetric.Cosine, rescoreFactor: 4, directory: null))
            {
                index.Save(path);
            }
            using var loaded = HnswIndex.Load(path);
            Assert.True(loaded.MappedRowBytes >= 1500L * Dim * sizeof(float));
            var query = rows.AsSpan(99 * Dim, Dim);
            var hit = loaded.Search(query, 1, new VectorSearchOptions { Ef = 40 })[0];
            Assert.Equal(99, hit.Id);
            Assert.Equal(0f, hit.Distance, 4);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static HnswIndex Build(float[] rows, DistanceMetric metric, int rescoreFactor, string? directory)
    {
        var index = new HnswIndex(new HnswOptions
        {
            Dimension = Dim,
            Metric = metric,
            EfConstruction = 100,
            Quantizer = ScalarQuantizer.Train(rows, Dim, metric),
            RescoreFactor = rescoreFactor,
            RescoreRowsDirectory = directory,
        });
        index.UpsertBatch(Enumerable.Range(0, rows.Length / Dim).Select(i => (long)i).ToArray(), rows, threads: 1);
        return index;
    }
}
