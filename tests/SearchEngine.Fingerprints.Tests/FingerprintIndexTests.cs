namespace SearchEngine.Fingerprints.Tests;

public sealed class FingerprintIndexTests
{
    private const long SourceId = 42;
    private const double ClipStart = 12.3;

    [Fact]
    public void A_noisy_reencoded_clip_is_found_in_its_source_at_the_second_it_was_cut()
    {
        var index = new FingerprintIndex();
        index.Add(SourceId, Extraction.Of(TestSound.Source));
        index.Add(7, Extraction.Of(TestSound.Other));

        var clip = TestSound.NoisyMp3Clip("clip-10db.mp3", TestSound.Source, ClipStart, 4, snrDb: 10);
        var matches = index.Match(Extraction.QueryOf(clip), 5);

        var best = Assert.Single(matches);
        Assert.Equal(SourceId, best.DocumentId);
        Assert.InRange(best.OffsetSeconds, ClipStart - 0.1, ClipStart + 0.1);
        Assert.InRange(best.StartSeconds, ClipStart - 0.1, ClipStart + 0.1);
        Assert.InRange(best.EndSeconds, ClipStart + 3.9, ClipStart + 4.1);
        Assert.InRange(best.Confidence, 0.5, 1.0);
    }

    [Fact]
    public void A_clip_of_material_that_is_not_indexed_matches_nothing()
    {
        var index = new FingerprintIndex();
        index.Add(SourceId, Extraction.Of(TestSound.Source));

        var clip = TestSound.NoisyMp3Clip("other-clip.mp3", TestSound.Other, 2, 5, snrDb: 20);
        Assert.Empty(index.Match(Extraction.QueryOf(clip), 5));
    }

    [Fact]
    public void A_removed_document_is_no_longer_matched()
    {
        var index = new FingerprintIndex();
        index.Add(SourceId, Extraction.Of(TestSound.Source));
        var query = Extraction.QueryOf(TestSound.NoisyMp3Clip("clip-20db.mp3", TestSound.Source, 20, 4, snrDb: 20));
        Assert.NotEmpty(index.Match(query, 5));

        Assert.True(index.Remove(SourceId));

        Assert.Empty(index.Match(query, 5));
        Assert.Equal(0, index.DocumentCount);
        Assert.False(index.Remove(SourceId));
    }

    [Fact]
    public void A_written_and_read_index_gives_the_same_matches()
    {
        var index = new FingerprintIndex();
        index.Add(SourceId, Extraction.Of(TestSound.Source));
        index.Add(7, Extraction.Of(TestSound.Other));
        index.Add(8, Extraction.Of(TestSound.Other));
        index.Remove(8);
        var query = Extraction.QueryOf(TestSound.NoisyMp3Clip("clip-10db.mp3", TestSound.Source, ClipStart, 4, snrDb: 10));

        using var file = new MemoryStream();
        index.WriteTo(file);
        file.Position = 0;
        var read = FingerprintIndex.ReadFrom(file);

        Assert.Equal(2, read.DocumentCount);
        Assert.Equal(index.PostingCount, read.PostingCount);
        Assert.Equal(index.Match(query, 5), read.Match(query, 5));
    }

    [Fact]
    public void A_damaged_index_file_is_refused()
    {
        var index = new FingerprintIndex();
        index.Add(SourceId, Extraction.Of(TestSound.Source));
        using var file = new MemoryStream();
        index.WriteTo(file);
        var bytes = file.ToArray();

        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x10;
        Assert.Throws<InvalidDataException>(() => FingerprintIndex.ReadFrom(new MemoryStream(flipped)));
        Assert.Throws<InvalidDataException>(() => FingerprintIndex.ReadFrom(new MemoryStream(bytes[..(bytes.Length - 9)])));
        Assert.Throws<InvalidDataException>(() => FingerprintIndex.ReadFrom(new MemoryStream("not an index at all"u8.ToArray())));
    }

    [Fact]
    public async Task Matching_while_documents_are_added_and_removed_does_not_throw()
    {
        var index = new FingerprintIndex();
        var source = Extraction.Of(TestSound.Source);
        var other = Extraction.Of(TestSound.Other);
        index.Add(SourceId, source);
        var query = Extraction.QueryOf(TestSound.NoisyMp3Clip("clip-20db.mp3", TestSound.Source, 20, 4, snrDb: 20));

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var writer = Task.Run(() =>
        {
            for (var i = 0L; !stop.IsCancellationRequested; i++)
            {
                index.Add(1000 + (i % 50), i % 2 == 0 ? other : source);
                index.Remove(1000 + ((i + 25) % 50));
            }
        });
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var found = 0;
            while (!stop.IsCancellationRequested)
            {
                if (index.Match(query, 3).Any(m => m.DocumentId == SourceId))
                {
                    found++;
                }
            }

            return found;
        })).ToArray();

        await writer;
        Assert.All(await Task.WhenAll(readers), found => Assert.True(found > 0));
    }
}
