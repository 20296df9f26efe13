using SearchEngine.Training.Model;

namespace SearchEngine.Training.Training;

/// <summary>Hyper-parameters of one training run; all of them enter the pack's configuration hash.</summary>
public sealed record TrainingOptions
{
    /// <summary>Seed of every random choice (initialisation, batches, augmentation, held-out slice).</summary>
    public int Seed { get; init; } = 1337;

    /// <summary>Sizes of the heads.</summary>
    public HeadShape Shape { get; init; } = new();

    /// <summary>Pairs per batch on each side (image–text and audio–text); every other pair is a negative.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Upper bound on optimiser steps; early stopping usually ends sooner.</summary>
    public int MaxSteps { get; init; } = 1500;

    /// <summary>Steps of linear learning-rate warm-up before the cosine decay.</summary>
    public int WarmupSteps { get; init; } = 50;

    /// <summary>Peak AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>AdamW decoupled weight decay.</summary>
    public double WeightDecay { get; init; } = 0.1;

    /// <summary>Weight of the audio–text loss beside the image–text loss.</summary>
    public double AudioLossWeight { get; init; } = 1.0;

    /// <summary>The loss's temperature at the start (it is learned from there, down to 1 / <see cref="ContrastiveModel.MaxLogitScale"/>).</summary>
    public double InitialTemperature { get; init; } = 0.07;

    /// <summary>Weight of the VSE++ hardest-negative hinge added to InfoNCE (0 = InfoNCE alone).</summary>
    public double HardNegativeWeight { get; init; } = 1.0;

    /// <summary>Cosine margin of the hardest-negative hinge.</summary>
    public double HardNegativeMargin { get; init; } = 0.2;

    /// <summary>
    /// Image–text batches walk through every (image, caption) pair once per epoch in a shuffled order; otherwise each
    /// batch draws images and one random caption of each.
    /// </summary>
    public bool EveryCaptionPerEpoch { get; init; } = true;

    /// <summary>
    /// Give each training image "a photo of a {MobileNetV2's top-1 class}" as one more caption, distilling the
    /// classifier's concepts into the learned space (measured against the concept bridge alone; see the README).
    /// </summary>
    public bool ClassPromptCaptions { get; init; } = true;

    /// <summary>Probability of dropping a YAMNet patch of a training clip.</summary>
    public double PatchDropout { get; init; } = 0.25;

    /// <summary>Most YAMNet patches per clip (5 patches ≈ 2.9 s, the offline audio tower's window); longer clips are windowed.</summary>
    public int MaxPatches { get; init; } = 5;

    /// <summary>Evaluate on the selection sets every this many steps.</summary>
    public int EvaluateEvery { get; init; } = 100;

    /// <summary>Stop after this many evaluations without a better selection score.</summary>
    public int Patience { get; init; } = 4;

    /// <summary>Share of UrbanSound8K fold 2 held out (by source recording) for model selection.</summary>
    public double HeldOutFraction { get; init; } = 0.15;
}
