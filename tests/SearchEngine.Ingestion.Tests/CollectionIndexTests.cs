using SearchEngine.Core.Vectors;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Testing;

namespace SearchEngine.Ingestion.Tests;

/// <summary>The index file is a derived copy of PostgreSQL: missing, corrupt or stale files are rebuilt or replayed from it.</summary>
public sealed class CollectionIndexTests(PostgresDatabase database, PackFixture fixture) : IClassFixture<PostgresDatabase>, IClassFixture<PackFixture>
{
    [Fact]
    public async Task Deleting_or_corrupting_the_index_file_rebuilds_it_from_postgres_with_identical_search_results()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        await harness.IndexAsync(fixture.Pack, new IndexingRequest("rebuild", [fixture.Mixed.Root]));
        var segments = await Rows.SegmentsAsync(database.ConnectionString, "rebuild");
        Assert.NotEmpty(segments);

        List<long[]> original;
        string path;
        using (var index = await harness.OpenIndexAsync("rebuild"))
        {
            original = SearchAll(index.Index, segments);
            path = index.FilePath;
        }

        File.Delete(path);
        using (var rebuilt = await harness.OpenIndexAsync("rebuild"))
        {
            Assert.Contains(harness.Logs, l => l.Contains("is missing: rebuilding it from PostgreSQL", StringComparison.Ordinal));
            Assert.Equal(segments.Count, rebuilt.Index.Count);
            Assert.Equal(original, SearchAll(rebuilt.Index, segments));
            Assert.True(File.Exists(path), "the rebuilt index is saved at once");
        }

        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        using (var repaired = await harness.OpenIndexAsync("rebuild"))
        {
            Assert.Contains(harness.Logs, l => l.Contains("is corrupt", StringComparison.Ordinal) && l.Contains("rebuilding it from PostgreSQL", StringComparison.Ordinal));
            Assert.Equal(original, SearchAll(repaired.Index, segments));
        }
    }

    [Fact]
    public async Task An_older_index_file_replays_the_newer_changes_from_postgres()
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-ingest-replay-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.txt"), "the first note");
            File.WriteAllText(Path.Combine(folder, "b.txt"), "a note that will be deleted");
            await using var harness = await Harness.CreateAsync(database.ConnectionString);
            var request = new IndexingRequest("replay", [folder]);
            await harness.IndexAsync(fixture.Pack, request);
            string path;
            using (var index = await harness.OpenIndexAsync("replay"))
            {
                path = index.FilePath;
            }

            var old = File.ReadAllBytes(path);
            File.WriteAllText(Path.Combine(folder, "c.txt"), "a later note");
            File.Delete(Path.Combine(folder, "b.txt"));
            await harness.IndexAsync(fixture.Pack, request with { DeleteMissing = true });
            File.WriteAllBytes(path, old);

            using var replayed = await harness.OpenIndexAsync("replay");
            var segments = await Rows.SegmentsAsync(database.ConnectionString, "replay");
            Assert.Contains(harness.Logs, l => l.Contains("Replayed", StringComparison.Ordinal));
            Assert.Equal(segments.Select(s => s.Id).Order(), segments.Where(s => replayed.Index.Contains(s.Id)).Select(s => s.Id).Order());
            Assert.Equal(segments.Count, replayed.Index.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<long[]> SearchAll(IVectorIndex index, List<Rows.SegmentRow> segments) =>
        segments.Select(s => index.Search(s.Vector, 5).Select(h => h.Id).ToArray()).ToList();
}
