using SearchEngine.Core;

namespace SearchEngine.Training.Data;

/// <summary>One UrbanSound8K clip.</summary>
/// <param name="RelativePath">Path relative to the shared folder.</param>
/// <param name="Fold">The official fold (1–10).</param>
/// <param name="ClassId">The class id (0–9).</param>
/// <param name="ClassName">The class name, e.g. <c>dog_bark</c>.</param>
/// <param name="SourceId">The freesound id the clip was cut from; slices of one source never straddle train and held-out.</param>
public sealed record UrbanSoundClip(string RelativePath, int Fold, int ClassId, string ClassName, string SourceId);

/// <summary>
/// UrbanSound8K folds 1 and 2 in the shared folder. Fold 2 trains (minus a held-out slice for model selection, cut by
/// source so no recording is on both sides); fold 1 is evaluation only.
/// </summary>
public sealed class UrbanSound8k
{
    /// <summary>The dataset folder relative to the shared folder.</summary>
    public const string Folder = "datasets/urbansound8k";

    /// <summary>The fold the project trains on.</summary>
    public const int TrainingFold = 2;

    /// <summary>The fold kept for evaluation.</summary>
    public const int EvaluationFold = 1;

    /// <summary>The ten class names in class id order.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
    [
        "air_conditioner", "car_horn", "children_playing", "dog_bark", "drilling",
        "engine_idling", "gun_shot", "jackhammer", "siren", "street_music",
    ];

    private UrbanSound8k(IReadOnlyList<UrbanSoundClip> clips) => Clips = clips;

    /// <summary>Every clip listed in <c>labels.tsv</c>.</summary>
    public IReadOnlyList<UrbanSoundClip> Clips { get; }

    /// <summary>Reads <c>labels.tsv</c>.</summary>
    public static UrbanSound8k Load(SharedData shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var table = TsvTable.Read(shared.Require($"{Folder}/labels.tsv"));
        int file = table.Column("file"), fold = table.Column("fold"), classId = table.Column("classID"), className = table.Column("class");
        var clips = table.Rows
            .Select(r => new UrbanSoundClip($"{Folder}/{r[file]}", int.Parse(r[fold]), int.Parse(r[classId]), r[className],
                Path.GetFileName(r[file]).Split('-')[0]))
            .ToList();
        return new UrbanSound8k(clips);
    }

    /// <summary>The clips of one fold.</summary>
    public IReadOnlyList<UrbanSoundClip> Fold(int fold) => Clips.Where(c => c.Fold == fold).ToList();

    /// <summary>
    /// Splits the training fold into (train, held-out): sources are shuffled with <paramref name="seed"/> and taken
    /// into the held-out slice until it holds <paramref name="heldOutFraction"/> of the clips.
    /// </summary>
    public (IReadOnlyList<UrbanSoundClip> Train, IReadOnlyList<UrbanSoundClip> HeldOut) SplitTrainingFold(double heldOutFraction, int seed)
    {
        var fold = Fold(TrainingFold);
        var sources = fold.Select(c => c.SourceId).Distinct().Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(sources);
        var heldOutSources = new HashSet<string>(StringComparer.Ordinal);
        var target = (int)Math.Round(fold.Count * heldOutFraction);
        var taken = 0;
        foreach (var source in sources)
        {
            if (taken >= target)
            {
                break;
            }

            heldOutSources.Add(source);
            taken += fold.Count(c => c.SourceId == source);
        }

        return (fold.Where(c => !heldOutSources.Contains(c.SourceId)).ToList(),
                fold.Where(c => heldOutSources.Contains(c.SourceId)).ToList());
    }
}
