using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Storage.Collections;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Indexer.Commands;

/// <summary>
/// <c>bench-vectors</c>: the storage + index half of indexing in isolation. Generates documents with one random unit
/// vector each and pushes them through the same path the job uses after embedding: batched writes (documents and
/// segments by COPY, one transaction per batch) and, concurrently, the index catching up from the change log. Prints
/// one JSON object.
/// </summary>
internal static class BenchCommands
{
    public static Command Vectors()
    {
        var count = new Option<int>("--count") { Description = "Documents to write.", DefaultValueFactory = _ => 100_000 };
        var dimension = new Option<int>("--dimension") { Description = "Vector dimension.", DefaultValueFactory = _ => 512 };
        var batch = new Option<int>("--batch-size") { Description = "Documents per transaction.", DefaultValueFactory = _ => 1000 };
        var command = new Command("bench-vectors", "Benchmark: write N vector-only documents into PostgreSQL and the HNSW index; prints JSON.")
        {
            count, dimension, batch,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = IndexerHost.Build(parse);
            await IndexerHost.MigrateAsync(host, cancellationToken);
            var services = host.Services;
            var name = "bench-vectors-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var d = parse.GetValue(dimension);
            var collection = await services.GetRequiredService<CollectionStore>().CreateOrGetAsync(name, "bench-random", new string('0', 64), d, cancellationToken);
            using var index = await services.GetRequiredService<CollectionIndexLoader>().OpenAsync(collection, cancellationToken);
            var result = await RunAsync(services.GetRequiredService<DocumentStore>(), index, parse.GetValue(count), d, Math.Max(1, parse.GetValue(batch)), cancellationToken);
            Console.WriteLine(result);
            return 0;
        });
        return command;
    }

    private static async Task<string> RunAsync(DocumentStore documents, CollectionIndex index, int count, int dimension, int batchSize, CancellationToken cancellationToken)
    {
        var random = new Random(42);
        var committed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        long indexTicks = 0;
        var indexing = Task.Run(async () =>
        {
            await foreach (var _ in committed.Reader.ReadAllAsync(cancellationToken))
            {
                var t = Stopwatch.GetTimestamp();
                await index.CatchUpAsync(cancellationToken);
                indexTicks += Stopwatch.GetTimestamp() - t;
            }
        }, cancellationToken);

        var started = Stopwatch.GetTimestamp();
        long storeTicks = 0;
        for (var first = 0; first < count; first += batchSize)
        {
            var batch = new List<DocumentWrite>(batchSize);
            for (var i = first; i < Math.Min(count, first + batchSize); i++)
            {
                batch.Add(new DocumentWrite($"vector://{i}", Modality.Image, Sha(i), 0, [new Segment(SegmentKind.Whole, null, null, UnitVector(random, dimension))]));
            }

            var t = Stopwatch.GetTimestamp();
            await documents.WriteAsync(index.Collection, batch, cancellationToken);
            storeTicks += Stopwatch.GetTimestamp() - t;
            committed.Writer.TryWrite(true);
        }

        committed.Writer.Complete();
        await indexing;
        var t2 = Stopwatch.GetTimestamp();
        await index.CatchUpAsync(cancellationToken);
        indexTicks += Stopwatch.GetTimestamp() - t2;
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var saveStarted = Stopwatch.GetTimestamp();
        index.Save();
        var save = Stopwatch.GetElapsedTime(saveStarted).TotalSeconds;
        var store = (double)storeTicks / Stopwatch.Frequency;
        var indexSeconds = (double)indexTicks / Stopwatch.Frequency;
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"vector_docs\": {count}, \"dimension\": {dimension}, \"indexed_in_index\": {index.Index.Count}, \"seconds\": {wall:F2}, " +
            $"\"vector_docs_per_s\": {count / wall:F1}, \"store_seconds\": {store:F2}, \"index_seconds\": {indexSeconds:F2}, " +
            $"\"pg_time_share\": {store / wall:F3}, \"save_seconds\": {save:F2}, \"peak_rss_mb\": {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):F0}}}");
    }

    private static float[] UnitVector(Random random, int dimension)
    {
        var vector = new float[dimension];
        var norm = 0.0;
        for (var i = 0; i < dimension; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
            norm += vector[i] * vector[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < dimension; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    private static string Sha(int i) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(i.ToString(CultureInfo.InvariantCulture))));
}
