using Npgsql;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Fingerprints;
using SearchEngine.Storage.Segments;
using SearchEngine.Testing;

namespace SearchEngine.Storage.Tests;

/// <summary>
/// Fingerprints are stored with their document, replaced and deleted with it, and every change reaches the one change
/// log that serving copies replay. The bytes are opaque here, so arbitrary ones stand in for real fingerprints.
/// </summary>
public sealed class FingerprintStorageTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const int Dimension = 4;

    [Fact]
    public async Task A_written_fingerprint_is_stored_with_its_document_and_replaced_when_the_document_is_written_again()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "fp-write", Dimension);
        var store = new DocumentStore(dataSource);
        var fingerprints = new FingerprintStore(dataSource);
        var random = new Random(1);

        var first = await store.WriteAsync(collection, [WithFingerprint(TestStorage.Document("a.wav", "a1", TestStorage.Whole(random, Dimension)), Bytes(1, 300))]);
        var id = first.Documents[0].DocumentId;
        Assert.Equal(Bytes(1, 300), await fingerprints.ReadAsync(id));

        await store.WriteAsync(collection, [WithFingerprint(TestStorage.Document("a.wav", "a2", TestStorage.Whole(random, Dimension)), Bytes(2, 50_000))]);
        Assert.Equal(Bytes(2, 50_000), await fingerprints.ReadAsync(id));

        // Re-indexed without a fingerprint (a file whose sound could not be fingerprinted): the old one must not linger.
        await store.WriteAsync(collection, [TestStorage.Document("a.wav", "a3", TestStorage.Whole(random, Dimension))]);
        Assert.Null(await fingerprints.ReadAsync(id));
        Assert.Equal(0, await fingerprints.CountAsync(collection.Id));
    }

    [Fact]
    public async Task Deleting_documents_or_their_collection_deletes_their_fingerprints_and_logs_it()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "fp-delete", Dimension);
        var store = new DocumentStore(dataSource);
        var random = new Random(2);
        var written = await store.WriteAsync(collection, Enumerable.Range(0, 4)
            .Select(i => WithFingerprint(TestStorage.Document($"{i}.wav", $"d{i}", TestStorage.Whole(random, Dimension)), Bytes(i, 100 + i)))
            .ToList());

        await store.DeleteAsync(collection.Id, ["0.wav"]);
        var fingerprints = new FingerprintStore(dataSource);
        Assert.Null(await fingerprints.ReadAsync(written.Documents[0].DocumentId));
        Assert.Equal(3, await fingerprints.CountAsync(collection.Id));
        var log = await new SegmentStore(dataSource).ReadChangesAsync(collection.Id, 0, ChangeLogContent.Fingerprints);
        var delete = Assert.Single(log.Fingerprints, c => c.IsDelete);
        Assert.Equal(written.Documents[0].DocumentId, delete.DocumentId);

        await using (var drop = dataSource.CreateCommand($"DELETE FROM collections WHERE id = {collection.Id}"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        Assert.Equal(0, await fingerprints.CountAsync(collection.Id));
        await using var changes = dataSource.CreateCommand($"SELECT count(*) FROM segment_changes WHERE collection_id = {collection.Id} AND op = 'g'");
        Assert.Equal(4L, (long)(await changes.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Replaying_the_log_yields_exactly_the_stored_fingerprints_and_a_segment_only_reader_skips_them()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "fp-replay", Dimension);
        var store = new DocumentStore(dataSource);
        var segments = new SegmentStore(dataSource);
        var random = new Random(3);
        await store.WriteAsync(collection, Enumerable.Range(0, 8)
            .Select(i => WithFingerprint(TestStorage.Document($"{i}.wav", $"r{i}", TestStorage.Whole(random, Dimension)), Bytes(i, 64)))
            .ToList());
        await store.WriteAsync(collection, [WithFingerprint(TestStorage.Document("3.wav", "r3b", TestStorage.Whole(random, Dimension)), Bytes(33, 64))]);
        await store.DeleteAsync(collection.Id, ["5.wav"]);
        await store.WriteAsync(collection, [TestStorage.Document("6.wav", "r6b", TestStorage.Whole(random, Dimension))]);

        var replayed = new Dictionary<long, byte[]>();
        var vectors = new HashSet<long>();
        long after = 0;
        SegmentChangeBatch batch;
        do
        {
            batch = await segments.ReadChangesAsync(collection.Id, after, ChangeLogContent.Fingerprints, limit: 5);
            foreach (var change in batch.Fingerprints)
            {
                Assert.True(change.Sequence > after && change.Sequence <= batch.LastSequence);
                if (change.IsDelete)
                {
                    replayed.Remove(change.DocumentId);
                }
                else
                {
                    replayed[change.DocumentId] = change.Data!;
                }
            }

            foreach (var change in batch.Changes)
            {
                _ = change.Kind == SegmentChangeKind.Insert ? vectors.Add(change.SegmentId) : vectors.Remove(change.SegmentId);
            }

            after = batch.LastSequence;
        }
        while (batch.HasMore);

        Assert.Equal(await StoredAsync(dataSource, collection.Id), replayed.OrderBy(p => p.Key).ToList());
        Assert.Equal((await TestStorage.LiveSegmentsAsync(dataSource, collection.Id)).Keys.Order(), vectors.Order());

        // The plain reader (an index without fingerprints, or one built before them) sees the same segments and no fingerprint entries.
        var plain = await segments.ReadChangesAsync(collection.Id, 0, limit: 10_000);
        Assert.All(plain.Changes, c => Assert.True(c.Kind == SegmentChangeKind.Delete || c.Vector is not null));
        Assert.Empty(plain.Fingerprints);
        Assert.Equal(after, plain.LastSequence);
    }

    [Fact]
    public async Task A_snapshot_plus_the_changes_after_its_sequence_yields_the_stored_fingerprints()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "fp-snapshot", Dimension);
        var store = new DocumentStore(dataSource);
        var random = new Random(4);
        await store.WriteAsync(collection, Enumerable.Range(0, 5)
            .Select(i => WithFingerprint(TestStorage.Document($"{i}.wav", $"s{i}", TestStorage.Whole(random, Dimension)), Bytes(i, 10_000)))
            .ToList());

        var index = new Dictionary<long, byte[]>();
        long sequence;
        await using (var snapshot = await new FingerprintStore(dataSource).OpenSnapshotAsync(collection.Id))
        {
            await store.WriteAsync(collection, [WithFingerprint(TestStorage.Document("during.wav", "sd", TestStorage.Whole(random, Dimension)), Bytes(9, 20))]);
            await store.DeleteAsync(collection.Id, ["0.wav"]);
            Assert.Equal(5, snapshot.Count);
            Assert.Equal(50_000, snapshot.Bytes);
            Assert.Equal(5, await snapshot.ForEachAsync((id, data) => index[id] = data.ToArray()));
            sequence = snapshot.LastSequence;
        }

        var batch = await new SegmentStore(dataSource).ReadChangesAsync(collection.Id, sequence, ChangeLogContent.Fingerprints);
        foreach (var change in batch.Fingerprints)
        {
            if (change.IsDelete)
            {
                index.Remove(change.DocumentId);
            }
            else
            {
                index[change.DocumentId] = change.Data!;
            }
        }

        Assert.Equal(await StoredAsync(dataSource, collection.Id), index.OrderBy(p => p.Key).ToList());
    }

    [Fact]
    public async Task Fingerprints_cannot_be_updated_in_place_nor_refer_to_a_missing_document()
    {
        await using var dataSource = await TestStorage.OpenAsync(database);
        var collection = await TestStorage.CollectionAsync(dataSource, "fp-integrity", Dimension);
        await new DocumentStore(dataSource).WriteAsync(collection, [WithFingerprint(TestStorage.Document("a.wav", "i1", TestStorage.Whole(new Random(5), Dimension)), Bytes(1, 8))]);

        await using var update = dataSource.CreateCommand("UPDATE fingerprints SET data = '\\x00'");
        var immutable = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("immutable", immutable.MessageText, StringComparison.Ordinal);

        await using var orphan = dataSource.CreateCommand($"INSERT INTO fingerprints (document_id, collection_id, landmark_count, data) VALUES (-1, {collection.Id}, 1, '\\x01')");
        var missing = await Assert.ThrowsAsync<PostgresException>(() => orphan.ExecuteNonQueryAsync());
        Assert.Equal("23503", missing.SqlState);

        Assert.Throws<ArgumentException>(() => (TestStorage.Document("b.wav", "i2") with { Fingerprint = [] }).EnsureValid(Dimension));
    }

    private static DocumentWrite WithFingerprint(DocumentWrite document, byte[] fingerprint) =>
        document with { Fingerprint = fingerprint, FingerprintLandmarks = fingerprint.Length / 8 };

    private static byte[] Bytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<List<KeyValuePair<long, byte[]>>> StoredAsync(NpgsqlDataSource dataSource, long collectionId)
    {
        var stored = new List<KeyValuePair<long, byte[]>>();
        await using var command = dataSource.CreateCommand($"SELECT document_id, data FROM fingerprints WHERE collection_id = {collectionId} ORDER BY document_id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored.Add(new(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }

        return stored;
    }
}
