using System.Diagnostics;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;
using Xunit.Abstractions;

namespace SearchEngine.Storage.Tests;

public sealed class BulkWriteTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    private const int Dimension = 512;
    private const int Documents = 20_000;
    private const int BatchSize = 1_000;

    [Fact]
    public async Task Twenty_thousand_vector_only_documents_go_in_by_copy_and_stream_back_in_id_order()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "bulk", Dimension);
        var store = new DocumentStore(dataSource);
        var random = new Random(30);
        var batches = Enumerable.Range(0, Documents / BatchSize)
            .Select(b => Enumerable.Range(b * BatchSize, BatchSize)
                .Select(i => TestStorage.Document($"bulk/{i:D6}.jpg", $"bulk-{i}", TestStorage.Whole(random, Dimension)))
                .ToList())
            .ToList();

        // The first batch warms up the JIT and opens the pool's connection (so the server sample covers the writing
        // backend); the rate is measured over the other batches, as a long-running indexer would see it.
        var written = new List<WrittenDocument>(Documents);
        written.AddRange((await store.WriteAsync(collection, batches[0])).Documents);
        var serverBefore = await BackendCpu.SampleAsync(dataSource);
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches.Skip(1))
        {
            written.AddRange((await store.WriteAsync(collection, batch)).Documents);
        }

        clock.Stop();
        const int measured = Documents - BatchSize;
        var writeRate = measured / clock.Elapsed.TotalSeconds;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientBefore;
        var serverAfter = await BackendCpu.SampleAsync(dataSource);

        clock.Restart();
        var expected = batches.SelectMany(b => b).Zip(written, (document, stored) => (stored.SegmentIds[0], document.Segments[0].Vector)).ToDictionary();
        long previous = 0;
        var mismatches = 0;
        await using (var snapshot = await new SegmentStore(dataSource).OpenSnapshotAsync(collection.Id))
        {
            Assert.Equal(Documents, await snapshot.ForEachAsync((id, vector) =>
            {
                Assert.True(id > previous);
                previous = id;
                if (!vector.SequenceEqual(expected[id]))
                {
                    mismatches++;
                }
            }));
        }

        clock.Stop();
        var readRate = Documents / clock.Elapsed.TotalSeconds;
        output.WriteLine($"write: {measured} documents (after a warm-up batch) x 1 segment of {Dimension}-d in batches of {BatchSize}: {writeRate:F0} documents/s");
        output.WriteLine($"stream back (snapshot, id order): {readRate:F0} segments/s");
        output.WriteLine($"load average while measuring: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        output.WriteLine($"client CPU (whole test process): {clientCpu.TotalMicroseconds / measured:F0} µs/document");
        if (serverBefore is not null && serverAfter is not null)
        {
            var serverCpu = BackendCpu.Used(serverBefore, serverAfter);
            output.WriteLine($"server CPU (PostgreSQL backends): {serverCpu.TotalMicroseconds / measured:F0} µs/document");
            output.WriteLine($"CPU-bound rate with client and server not overlapping: {measured / (clientCpu + serverCpu).TotalSeconds:F0} documents/s");
        }

        Assert.Equal(0, mismatches);
        Assert.Equal(Documents, written.Select(d => d.SegmentIds[0]).Distinct().Count());
    }
}
