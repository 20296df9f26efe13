using SearchEngine.Core;
using SearchEngine.Training.Data;
using SearchEngine.Training.Training;

namespace SearchEngine.Training.Calibration;

/// <summary>
/// The development data a pack is calibrated on: the Flickr8k dev images with their captions and the held-out slice of
/// UrbanSound8K fold 2, the files training chose its checkpoint on. When the pack has a <c>data-manifest.json</c>, its
/// selection files are used exactly; otherwise the default split rules are applied. Benchmark files (Flickr8k test,
/// UrbanSound8K fold 1) are refused whatever a manifest says.
/// </summary>
/// <param name="Images">Dev images and their captions.</param>
/// <param name="Clips">Held-out clips.</param>
/// <param name="Source">Where the file lists came from, in words.</param>
public sealed record CalibrationData(IReadOnlyList<Flickr8kImage> Images, IReadOnlyList<UrbanSoundClip> Clips, string Source)
{
    /// <summary>Chooses the data for the pack in <paramref name="packFolder"/>.</summary>
    public static CalibrationData For(SharedData shared, string packFolder)
    {
        var dev = Flickr8k.Load(shared).Split(Flickr8kSplit.Dev);
        var sounds = UrbanSound8k.Load(shared);
        var manifestPath = Path.Combine(packFolder, DataManifest.FileName);
        CalibrationData data;
        if (File.Exists(manifestPath))
        {
            var selection = DataManifest.Load(manifestPath).Entries
                .Where(e => e.Role == DataManifest.SelectionRole)
                .Select(e => e.File)
                .ToHashSet(StringComparer.Ordinal);
            data = new CalibrationData(
                [.. dev.Where(i => selection.Contains(i.RelativePath))],
                [.. sounds.Clips.Where(c => selection.Contains(c.RelativePath))],
                $"the model-selection files of the pack's {DataManifest.FileName}");
        }
        else
        {
            var defaults = new TrainingOptions();
            data = new CalibrationData(dev, sounds.SplitTrainingFold(defaults.HeldOutFraction, defaults.Seed).HeldOut,
                $"the Flickr8k dev split and the UrbanSound8K fold-2 held-out slice ({defaults.HeldOutFraction:P0}, seed {defaults.Seed})");
        }

        // Splits are sacred: whatever the manifest lists, nothing outside dev and fold 2 is read.
        var devPaths = dev.Select(i => i.RelativePath).ToHashSet(StringComparer.Ordinal);
        if (data.Images.Any(i => !devPaths.Contains(i.RelativePath)) || data.Clips.Any(c => c.Fold != UrbanSound8k.TrainingFold))
        {
            throw new InvalidOperationException("Calibration data must come from the Flickr8k dev split and UrbanSound8K fold 2 only.");
        }

        return data;
    }
}
