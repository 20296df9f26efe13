using SearchEngine.Core;
using SearchEngine.Testing;
using SearchEngine.Training.Data;
using SearchEngine.Training.Training;

namespace SearchEngine.Training.Tests;

/// <summary>The loaders read the real split files, and a training run's manifest never holds a benchmark file.</summary>
public sealed class DataSplitTests
{
    private static SharedData Shared => SharedFiles.Shared;

    [Fact]
    public void Flickr8k_splits_have_the_official_sizes_five_captions_each_and_no_overlap()
    {
        var flickr = Flickr8k.Load(Shared);
        var train = flickr.Split(Flickr8kSplit.Train);
        var dev = flickr.Split(Flickr8kSplit.Dev);
        var test = flickr.Split(Flickr8kSplit.Test);

        Assert.Equal(6000, train.Count);
        Assert.Equal(1000, dev.Count);
        Assert.Equal(1000, test.Count);
        Assert.All(train.Concat(dev).Concat(test), i => Assert.Equal(5, i.Captions.Count));
        Assert.Empty(train.Select(i => i.Name).Intersect(test.Select(i => i.Name)));
        Assert.Empty(dev.Select(i => i.Name).Intersect(test.Select(i => i.Name)));
        Assert.True(File.Exists(Shared.PathOf(train[0].RelativePath)), train[0].RelativePath);
    }

    [Fact]
    public void The_held_out_slice_of_fold_2_shares_no_source_recording_with_its_training_part()
    {
        var sounds = UrbanSound8k.Load(Shared);
        var (train, heldOut) = sounds.SplitTrainingFold(0.15, seed: 1337);

        Assert.Equal(sounds.Fold(2).Count, train.Count + heldOut.Count);
        Assert.InRange(heldOut.Count, 0.13 * sounds.Fold(2).Count, 0.2 * sounds.Fold(2).Count);
        Assert.Empty(train.Select(c => c.SourceId).Intersect(heldOut.Select(c => c.SourceId)));
        Assert.All(train.Concat(heldOut), c => Assert.Equal(2, c.Fold));
        Assert.Equal(10, heldOut.Select(c => c.ClassId).Distinct().Count());
    }

    [Fact]
    public void The_training_manifest_holds_no_Flickr8k_test_image_no_fold_1_clip_and_no_FSDD_test_recording()
    {
        var options = new TrainingOptions();
        var manifest = TrainingCorpus.Plan(Shared, options).Manifest(options);

        var testImages = Flickr8k.Load(Shared).Split(Flickr8kSplit.Test).Select(i => i.RelativePath).ToHashSet();
        var fold1 = UrbanSound8k.Load(Shared).Fold(UrbanSound8k.EvaluationFold).Select(c => c.RelativePath).ToHashSet();
        var digitTest = SpokenDigits.Load(Shared, "test").Select(d => d.RelativePath).ToHashSet();
        var files = manifest.Entries.Select(e => e.File).ToList();

        Assert.Equal(6000 + 1000 + 888 + 2700, files.Count);
        Assert.DoesNotContain(files, testImages.Contains);
        Assert.DoesNotContain(files, fold1.Contains);
        Assert.DoesNotContain(files, digitTest.Contains);
        Assert.Equal(1000, manifest.Entries.Count(e => e.Dataset == "flickr8k" && e.Role == DataManifest.SelectionRole));
    }

    [Fact]
    public void A_saved_manifest_reads_back_with_the_same_hash()
    {
        var options = new TrainingOptions();
        var manifest = TrainingCorpus.Plan(Shared, options).Manifest(options);
        var path = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.json");
        try
        {
            manifest.Save(path);
            var read = DataManifest.Load(path);
            Assert.Equal(manifest.Hash, read.Hash);
            Assert.Equal(manifest.Entries.Count, read.Entries.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void YAMNet_labels_become_captions_with_ontology_descriptions()
    {
        var captions = AudioSetCaptions.Load(Shared);

        Assert.Equal(521, captions.Names.Count);
        Assert.Equal("Speech", captions.Names[0]);
        Assert.Equal("Child speech, kid speaking", captions.Names[1]);
        Assert.Equal("the sound of speech", captions.For(0)[0]);
        Assert.True(captions.For(0).Count == 2 && captions.For(0)[1].Length > 20, string.Join(" | ", captions.For(0)));
    }
}
