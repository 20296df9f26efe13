using SearchEngine.Core;
using SearchEngine.Training.Data;
using SearchEngine.Training.Features;
using SearchEngine.Training.Model;
using static TorchSharp.torch;

namespace SearchEngine.Training.Training;

/// <summary>
/// The files a run trains and selects on, chosen from the shared datasets by the split rules alone (Flickr8k train and
/// dev; UrbanSound8K fold 2 cut by source into train and held-out; FSDD train), and the captions that go with them.
/// Benchmark splits (Flickr8k test, UrbanSound8K fold 1, FSDD test) are never read here.
/// </summary>
public sealed class TrainingCorpus
{
    // Groups of audio pairs live above every image index so the two kinds never collide.
    private const long UrbanSoundGroup = 1_000_000, DigitGroup = 1_000_100, AudioSetGroup = 1_001_000;

    private TrainingCorpus(
        IReadOnlyList<Flickr8kImage> imagesTrain,
        IReadOnlyList<Flickr8kImage> imagesDev,
        IReadOnlyList<UrbanSoundClip> soundsTrain,
        IReadOnlyList<UrbanSoundClip> soundsHeldOut,
        IReadOnlyList<SpokenDigit> digitsTrain)
    {
        ImagesTrain = imagesTrain;
        ImagesDev = imagesDev;
        SoundsTrain = soundsTrain;
        SoundsHeldOut = soundsHeldOut;
        DigitsTrain = digitsTrain;
    }

    /// <summary>Flickr8k train images (gradient steps).</summary>
    public IReadOnlyList<Flickr8kImage> ImagesTrain { get; private set; }

    /// <summary>Flickr8k dev images (model selection).</summary>
    public IReadOnlyList<Flickr8kImage> ImagesDev { get; private set; }

    /// <summary>UrbanSound8K fold 2 minus the held-out slice (gradient steps).</summary>
    public IReadOnlyList<UrbanSoundClip> SoundsTrain { get; private set; }

    /// <summary>The held-out slice of UrbanSound8K fold 2 (model selection).</summary>
    public IReadOnlyList<UrbanSoundClip> SoundsHeldOut { get; private set; }

    /// <summary>FSDD train split (gradient steps).</summary>
    public IReadOnlyList<SpokenDigit> DigitsTrain { get; private set; }

    /// <summary>Every image file of the run.</summary>
    public IReadOnlyList<string> ImageFiles => [.. ImagesTrain.Concat(ImagesDev).Select(i => i.RelativePath)];

    /// <summary>Every audio file of the run.</summary>
    public IReadOnlyList<string> AudioFiles =>
        [.. SoundsTrain.Concat(SoundsHeldOut).Select(c => c.RelativePath).Concat(DigitsTrain.Select(d => d.RelativePath))];

    /// <summary>Chooses the files by the split rules.</summary>
    public static TrainingCorpus Plan(SharedData shared, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var flickr = Flickr8k.Load(shared);
        var (soundsTrain, soundsHeldOut) = UrbanSound8k.Load(shared).SplitTrainingFold(options.HeldOutFraction, options.Seed);
        return new TrainingCorpus(
            flickr.Split(Flickr8kSplit.Train),
            flickr.Split(Flickr8kSplit.Dev),
            soundsTrain,
            soundsHeldOut,
            SpokenDigits.Load(shared, "train"));
    }

    /// <summary>Drops files whose features could not be extracted (a damaged file must not stop training).</summary>
    public void Exclude(IReadOnlyCollection<string> failed)
    {
        if (failed.Count == 0)
        {
            return;
        }

        var set = failed.ToHashSet(StringComparer.Ordinal);
        ImagesTrain = [.. ImagesTrain.Where(i => !set.Contains(i.RelativePath))];
        ImagesDev = [.. ImagesDev.Where(i => !set.Contains(i.RelativePath))];
        SoundsTrain = [.. SoundsTrain.Where(c => !set.Contains(c.RelativePath))];
        SoundsHeldOut = [.. SoundsHeldOut.Where(c => !set.Contains(c.RelativePath))];
        DigitsTrain = [.. DigitsTrain.Where(d => !set.Contains(d.RelativePath))];
    }

    /// <summary>The manifest of files used and how.</summary>
    public DataManifest Manifest(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var entries = new List<ManifestEntry>();
        entries.AddRange(ImagesTrain.Select(i => new ManifestEntry("flickr8k", DataManifest.TrainRole, i.RelativePath)));
        entries.AddRange(ImagesDev.Select(i => new ManifestEntry("flickr8k", DataManifest.SelectionRole, i.RelativePath)));
        entries.AddRange(SoundsTrain.Select(c => new ManifestEntry("urbansound8k", DataManifest.TrainRole, c.RelativePath)));
        entries.AddRange(SoundsHeldOut.Select(c => new ManifestEntry("urbansound8k", DataManifest.SelectionRole, c.RelativePath)));
        entries.AddRange(DigitsTrain.Select(d => new ManifestEntry("fsdd", DataManifest.TrainRole, d.RelativePath)));
        var splits = new Dictionary<string, string>
        {
            ["flickr8k"] = $"train split ({ImagesTrain.Count} images × 5 captions) for training; dev split ({ImagesDev.Count} images) for model selection; test split never read",
            ["urbansound8k"] = $"fold 2 only: {SoundsTrain.Count} clips for training, {SoundsHeldOut.Count} clips (whole sources, {options.HeldOutFraction:P0}, seed {options.Seed}) held out for model selection; fold 1 never read",
            ["fsdd"] = $"train split ({DigitsTrain.Count} recordings, index 5–49) for training; test split never read",
            ["audioset_labels"] = "YAMNet's top class per training clip, as 'the sound of {name}' and its ontology description",
        };
        return new DataManifest(entries, splits);
    }

    private static FeatureMatrix Stack(IEnumerable<FeatureMatrix> rows, int width)
    {
        var list = rows.ToList();
        return new FeatureMatrix(list.Count, width, [.. list.SelectMany(r => r.Values)]);
    }

    /// <summary>Assembles the in-memory training and selection data from the filled caches.</summary>
    public (TrainingData Data, SelectionSet Selection) Assemble(
        FeatureCache imageFeatures,
        FeatureCache imageLogits,
        IReadOnlyList<string> imageClassNames,
        FeatureCache audioPatches,
        FeatureCache audioScores,
        AudioSetCaptions audioSet,
        Func<IReadOnlyList<string>, float[][]> sentences,
        FeatureCache sentenceCache,
        TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(imageFeatures);
        ArgumentNullException.ThrowIfNull(audioPatches);
        ArgumentNullException.ThrowIfNull(audioScores);
        ArgumentNullException.ThrowIfNull(audioSet);
        ArgumentNullException.ThrowIfNull(options);
        var texts = new SentenceBank();

        var images = ImagesTrain.Concat(ImagesDev).ToList();
        var features = new float[images.Count * BackboneWidths.ImageFeatures];
        for (var i = 0; i < images.Count; i++)
        {
            imageFeatures.Get(images[i].RelativePath).Values.CopyTo(features, i * BackboneWidths.ImageFeatures);
        }

        // Distillation of MobileNetV2's classes into the learned space (issue 12, use (a)): each training image also
        // gets "a photo of a {its top-1 class}" as one more caption.
        var imageCaptions = ImagesTrain.Select((image, i) =>
        {
            var captions = image.Captions.Select(c => new CaptionRef(texts.Add(c), i));
            if (options.ClassPromptCaptions)
            {
                var top = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(imageLogits.Get(image.RelativePath).Values);
                captions = captions.Append(new CaptionRef(texts.Add(Evaluation.PackEvaluator.Prompt(imageClassNames[top])), i));
            }

            return captions.ToArray();
        }).ToList();
        var imageSet = new CaptionedSet([.. Enumerable.Range(0, ImagesTrain.Count)], imageCaptions);
        var devCaptionIds = new List<int>();
        var devCaptionImages = new List<long>();
        for (var i = 0; i < ImagesDev.Count; i++)
        {
            foreach (var caption in ImagesDev[i].Captions)
            {
                devCaptionIds.Add(texts.Add(caption));
                devCaptionImages.Add(i);
            }
        }

        var clips = new List<FeatureMatrix>();
        var entries = new List<int>();
        var captions = new List<CaptionRef[]>();
        void AddClip(string path, IEnumerable<CaptionRef> classCaptions, int copies)
        {
            var scores = audioScores.Get(path).Values;
            var top = Array.IndexOf(scores, scores.Max());
            var all = classCaptions
                .Concat(audioSet.For(top).Select(c => new CaptionRef(texts.Add(c), AudioSetGroup + top)))
                .ToArray();
            clips.Add(audioPatches.Get(path));
            for (var copy = 0; copy < copies; copy++)
            {
                entries.Add(clips.Count - 1);
                captions.Add(all);
            }
        }

        // UrbanSound8K clips are listed three times so that the 2,700 spoken digits do not drown the ten sound classes.
        foreach (var clip in SoundsTrain)
        {
            AddClip(clip.RelativePath,
                SoundCaptions.UrbanSoundPhrasings[clip.ClassId].Select(p => new CaptionRef(texts.Add(p), UrbanSoundGroup + clip.ClassId)), copies: 3);
        }

        foreach (var digit in DigitsTrain)
        {
            AddClip(digit.RelativePath,
                SoundCaptions.DigitPhrasings(digit.Digit).Select(p => new CaptionRef(texts.Add(p), DigitGroup + digit.Digit)), copies: 1);
        }

        var heldOut = new List<int>();
        foreach (var clip in SoundsHeldOut)
        {
            clips.Add(audioPatches.Get(clip.RelativePath));
            heldOut.Add(clips.Count - 1);
        }

        // Selection queries are the first training phrasing per class; the evaluation sentences stay unseen.
        var classQueries = SoundCaptions.UrbanSoundPhrasings.Select(p => texts.Add(p[0])).ToList();
        texts.Encode(sentences, sentenceCache);
        var imageTensor = tensor(features, [images.Count, BackboneWidths.ImageFeatures]);
        var audio = new AudioBank(clips, options.MaxPatches);
        var data = new TrainingData(imageTensor.narrow(0, 0, ImagesTrain.Count), imageSet, audio, new CaptionedSet(entries, captions), texts);
        var selection = new SelectionSet(
            imageTensor.narrow(0, ImagesTrain.Count, ImagesDev.Count),
            devCaptionIds,
            devCaptionImages,
            heldOut,
            [.. SoundsHeldOut.Select(c => (long)c.ClassId)],
            classQueries,
            Stack(ImagesDev.Select(i => imageLogits.Get(i.RelativePath)), BackboneWidths.ImageClasses),
            Stack(SoundsHeldOut.Select(c => audioScores.Get(c.RelativePath)), BackboneWidths.AudioClasses));
        return (data, selection);
    }
}
