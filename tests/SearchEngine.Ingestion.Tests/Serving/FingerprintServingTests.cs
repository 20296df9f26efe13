using SearchEngine.Collections;
using SearchEngine.Fingerprints;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Media.Audio;
using SearchEngine.Storage.Documents;
using SearchEngine.Testing;
using Xunit.Abstractions;

namespace SearchEngine.Ingestion.Tests.Serving;

/// <summary>Spoken videos made with espeak-ng and ffmpeg, indexed once per test class by the real indexing job.</summary>
public sealed class SpokenVideos : IDisposable
{
    public SpokenVideos()
    {
        Folder = Directory.CreateTempSubdirectory("searchengine-fp-videos-").FullName;
        Clips = Directory.CreateTempSubdirectory("searchengine-fp-clips-").FullName;
        for (var i = 0; i < SpeechMedia.Sentences.Length; i++)
        {
            var speech = Path.Combine(Clips, $"speech{i}.wav");
            SpeechMedia.Speak(speech, SpeechMedia.Sentences[i], i);
            SpeechMedia.Video(PathOf(i), speech);
        }

        var unindexed = Path.Combine(Clips, "unindexed.wav");
        SpeechMedia.Speak(unindexed, SpeechMedia.Unindexed, 1);
        Negative = Path.Combine(Clips, "negative.mp3");
        SpeechMedia.NoisyMp3Cut(Negative, unindexed, 2.0, 3.0);
    }

    public string Folder { get; }

    public string Clips { get; }

    /// <summary>A noisy MP3 cut of speech that is not indexed.</summary>
    public string Negative { get; }

    public string PathOf(int video) => Path.Combine(Folder, $"talk{video}.mp4");

    /// <summary>A 3 s noisy MP3 cut of video <paramref name="video"/> from <paramref name="start"/>.</summary>
    public string Cut(int video, double start)
    {
        var path = Path.Combine(Clips, $"cut{video}-{start:0.00}.mp3");
        if (!File.Exists(path))
        {
            SpeechMedia.NoisyMp3Cut(path, PathOf(video), start, 3.0);
        }

        return path;
    }

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        Directory.Delete(Clips, recursive: true);
    }
}

/// <summary>
/// Fingerprints from index time to a serving copy: a noisy MP3 cut of an indexed video is matched to that video at the
/// right second, a cut of speech that is not indexed matches nothing, a deleted video stops matching once the copy
/// follows the change log, and a fingerprint index rebuilt from PostgreSQL answers exactly as the saved one.
/// </summary>
public sealed class FingerprintServingTests(PostgresDatabase database, PackFixture fixture, SpokenVideos videos, ITestOutputHelper output)
    : IClassFixture<PostgresDatabase>, IClassFixture<PackFixture>, IClassFixture<SpokenVideos>
{
    private static readonly (int Video, double Start)[] Queries = [(0, 6.0), (1, 2.5), (2, 5.25), (3, 4.0)];

    [Fact]
    public async Task A_noisy_mp3_cut_is_matched_to_its_video_at_the_right_second_and_unindexed_speech_matches_nothing()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        await IndexAsync(harness, "fp-exact");
        using var copy = await harness.Get<CollectionIndexLoader>().OpenForQueriesAsync(await harness.CollectionAsync("fp-exact"));
        Assert.Equal(SpeechMedia.Sentences.Length, copy.Fingerprints!.DocumentCount);
        var ids = await DocumentIdsAsync(harness, "fp-exact");

        foreach (var (video, start) in Queries)
        {
            var matches = await MatchAsync(harness, copy, videos.Cut(video, start));
            output.WriteLine($"talk{video} @ {start}: " + string.Join(", ", matches.Select(m => $"{m.DocumentId} at {m.OffsetSeconds:F3} s ({m.Confidence:F2}, {m.Votes} votes)")));
            Assert.NotEmpty(matches);
            Assert.Equal(ids[videos.PathOf(video)], matches[0].DocumentId);
            Assert.InRange(matches[0].OffsetSeconds, start - 0.1, start + 0.1);
            Assert.InRange(matches[0].Confidence, 0.0, 1.0);
            Assert.True(matches[0].StartSeconds <= start + 0.5 && matches[0].EndSeconds >= start + 2.5, $"matched range {matches[0].StartSeconds}-{matches[0].EndSeconds} s");
        }

        Assert.Empty(await MatchAsync(harness, copy, videos.Negative));
    }

    [Fact]
    public async Task A_deleted_video_is_no_longer_matched_once_the_serving_copy_follows_the_change_log()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        await IndexAsync(harness, "fp-delete");
        var collection = await harness.CollectionAsync("fp-delete");
        using var copy = await harness.Get<CollectionIndexLoader>().OpenForQueriesAsync(collection);
        var ids = await DocumentIdsAsync(harness, "fp-delete");
        Assert.Equal(ids[videos.PathOf(0)], Assert.Single(await MatchAsync(harness, copy, videos.Cut(0, 6.0))).DocumentId);

        await harness.Get<DocumentStore>().DeleteAsync(collection.Id, [videos.PathOf(0)]);
        Assert.True(await copy.CatchUpAsync() > 0);

        Assert.Empty(await MatchAsync(harness, copy, videos.Cut(0, 6.0)));
        Assert.Equal(ids[videos.PathOf(1)], (await MatchAsync(harness, copy, videos.Cut(1, 2.5)))[0].DocumentId);
        Assert.Equal(SpeechMedia.Sentences.Length - 1, copy.Fingerprints!.DocumentCount);
        Assert.Equal(copy.Index.LastSequence, copy.FingerprintSequence);

        // Re-indexing the folder brings it back, under a new fingerprint that the copy also follows.
        await IndexAsync(harness, "fp-delete");
        await copy.CatchUpAsync();
        var back = await MatchAsync(harness, copy, videos.Cut(0, 6.0));
        Assert.Equal(videos.PathOf(0), (await DocumentUrisAsync(harness, "fp-delete"))[back[0].DocumentId]);

        // The copy saves its fingerprint file when it has moved on, so a restart replays from there instead of rebuilding.
        Assert.True(copy.SaveFingerprintsIfDue(TimeSpan.Zero));
        Assert.False(copy.SaveFingerprintsIfDue(TimeSpan.Zero), "nothing changed since the last save");
        var loader = harness.Get<CollectionIndexLoader>();
        var rebuilds = loader.FingerprintRebuilds;
        using var restarted = await loader.OpenForQueriesAsync(collection);
        Assert.Equal(rebuilds, loader.FingerprintRebuilds);
        Assert.Equal(back, await MatchAsync(harness, restarted, videos.Cut(0, 6.0)));
    }

    [Fact]
    public async Task A_fingerprint_index_rebuilt_from_postgres_when_its_file_is_missing_or_damaged_gives_identical_matches()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        await IndexAsync(harness, "fp-rebuild");
        var collection = await harness.CollectionAsync("fp-rebuild");
        var loader = harness.Get<CollectionIndexLoader>();
        var path = loader.FingerprintFilePathOf(collection);

        List<List<FingerprintMatch>> expected;
        using (var first = await loader.OpenForQueriesAsync(collection))
        {
            expected = await AllMatchesAsync(harness, first);
            Assert.True(first.Save());
        }

        Assert.True(File.Exists(path));
        var rebuilds = loader.FingerprintRebuilds;
        using (var loaded = await loader.OpenForQueriesAsync(collection))
        {
            Assert.Equal(rebuilds, loader.FingerprintRebuilds);
            Assert.Equal(expected, await AllMatchesAsync(harness, loaded));
        }

        File.Delete(path);
        using (var rebuilt = await loader.OpenForQueriesAsync(collection))
        {
            Assert.Equal(rebuilds + 1, loader.FingerprintRebuilds);
            Assert.Equal(expected, await AllMatchesAsync(harness, rebuilt));
        }

        Assert.Contains(harness.Logs, l => l.Contains("The fingerprint file of collection 'fp-rebuild'", StringComparison.Ordinal) && l.Contains("is missing", StringComparison.Ordinal));
        foreach (var damage in new Action<string>[]
        {
            p => Flip(p, new FileInfo(p).Length / 2),   // inside the postings
            p => Flip(p, 14),                           // the sequence in the header
            p => File.WriteAllBytes(p, File.ReadAllBytes(p)[..(int)(new FileInfo(p).Length * 3 / 4)]), // truncated
        })
        {
            damage(path);
            using var reopened = await loader.OpenForQueriesAsync(collection);
            Assert.Equal(expected, await AllMatchesAsync(harness, reopened));
            Assert.Contains(harness.Logs, l => l.Contains("The fingerprint file of collection 'fp-rebuild'", StringComparison.Ordinal) && l.Contains("is corrupt", StringComparison.Ordinal));
        }

        Assert.Equal(rebuilds + 4, loader.FingerprintRebuilds);
    }

    [Fact]
    public async Task A_fingerprint_file_older_than_the_index_file_is_caught_up_from_its_own_sequence()
    {
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        await IndexAsync(harness, "fp-behind");
        var collection = await harness.CollectionAsync("fp-behind");
        var loader = harness.Get<CollectionIndexLoader>();
        var ids = await DocumentIdsAsync(harness, "fp-behind");
        long fingerprintSequence;
        using (var copy = await loader.OpenForQueriesAsync(collection))
        {
            Assert.True(copy.Save());
            fingerprintSequence = copy.FingerprintSequence;
        }

        // The indexer deletes a video and saves only the index file (it keeps no fingerprints): the fingerprint file is now behind.
        await harness.Get<DocumentStore>().DeleteAsync(collection.Id, [videos.PathOf(2)]);
        using (var indexerCopy = await harness.OpenIndexAsync("fp-behind"))
        {
            Assert.True(indexerCopy.Save());
        }

        using var reopened = await loader.OpenForQueriesAsync(collection);
        Assert.True(reopened.FingerprintSequence > fingerprintSequence);
        Assert.Equal(reopened.Index.LastSequence, reopened.FingerprintSequence);
        Assert.Empty(await MatchAsync(harness, reopened, videos.Cut(2, 5.25)));
        Assert.Equal(ids[videos.PathOf(3)], (await MatchAsync(harness, reopened, videos.Cut(3, 4.0)))[0].DocumentId);
    }

    private async Task IndexAsync(Harness harness, string collection)
    {
        var summary = await harness.IndexAsync(fixture.Pack, new IndexingRequest(collection, [videos.Folder]));
        Assert.True(summary.Failures.Count == 0, string.Join("; ", summary.Failures.Select(f => $"{f.Path}: {f.Reason}")));
    }

    private static async Task<List<FingerprintMatch>> MatchAsync(Harness harness, CollectionIndex copy, string clip)
    {
        var sound = await harness.Get<AudioDecoder>().DecodeQueryAsync(clip, 16_000);
        var variants = harness.Get<FingerprintExtractor>().ExtractQuery(sound.Samples, sound.SampleRate);
        return [.. copy.Fingerprints!.Match(variants, 5)];
    }

    private async Task<List<List<FingerprintMatch>>> AllMatchesAsync(Harness harness, CollectionIndex copy)
    {
        var all = new List<List<FingerprintMatch>>();
        foreach (var (video, start) in Queries)
        {
            all.Add(await MatchAsync(harness, copy, videos.Cut(video, start)));
        }

        all.Add(await MatchAsync(harness, copy, videos.Negative));
        Assert.All(all.Take(Queries.Length), m => Assert.NotEmpty(m));
        return all;
    }

    private static async Task<Dictionary<string, long>> DocumentIdsAsync(Harness harness, string collection) =>
        (await DocumentUrisAsync(harness, collection)).ToDictionary(p => p.Value, p => p.Key);

    private static async Task<Dictionary<long, string>> DocumentUrisAsync(Harness harness, string collection)
    {
        var info = await harness.CollectionAsync(collection);
        await using var command = harness.Get<Npgsql.NpgsqlDataSource>().CreateCommand($"SELECT id, uri FROM documents WHERE collection_id = {info.Id}");
        await using var reader = await command.ExecuteReaderAsync();
        var byId = new Dictionary<long, string>();
        while (await reader.ReadAsync())
        {
            byId[reader.GetInt64(0)] = reader.GetString(1);
        }

        return byId;
    }

    private static void Flip(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ 0x5A));
    }
}
