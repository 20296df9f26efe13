using SearchEngine.Core;
using SearchEngine.Training.Training;

namespace SearchEngine.Training;

/// <summary>Options of <see cref="TrainingPipeline"/>: where the pack goes, how features are extracted, and the training hyper-parameters.</summary>
public sealed record TrainingPipelineOptions
{
    /// <summary>The pack's id in <c>pack.json</c>.</summary>
    public string PackId { get; init; } = "offline";

    /// <summary>The pack's version; the default folder is <c>packs/offline-{version}</c> in the cache.</summary>
    public string PackVersion { get; init; } = "1";

    /// <summary>Where to write the pack; null for <see cref="DefaultPackFolder"/>.</summary>
    public string? PackFolder { get; init; }

    /// <summary>Retrain even when a complete pack with the same configuration hash exists.</summary>
    public bool Force { get; init; }

    /// <summary>Threads that decode files and run the backbones.</summary>
    public int ExtractionThreads { get; init; } = 2;

    /// <summary>
    /// Threads TorchSharp trains with on the CPU; 0 leaves its default (one per core). One by default: on the shared
    /// 2-core machine two OpenMP threads ran 100 steps in 14 s when idle but in 150–185 s as soon as other work ran
    /// (the threads spin waiting for each other), while one thread stayed at ~37 s per 100 steps under load.
    /// </summary>
    public int TorchThreads { get; init; } = 1;

    /// <summary><c>cpu</c>, <c>cuda</c>, or <c>auto</c> (CUDA when the TorchSharp backend has it).</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Evaluate the written pack on the held-out benchmarks after training.</summary>
    public bool Evaluate { get; init; } = true;

    /// <summary>The shared models and datasets; null for <see cref="SharedData.Default"/>.</summary>
    public SharedData? Shared { get; init; }

    /// <summary>The training hyper-parameters.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>The pack folder used when <see cref="PackFolder"/> is null.</summary>
    public string DefaultPackFolder => Path.Combine(CacheDirectory.Folder("packs"), $"{PackId}-{PackVersion}");
}
