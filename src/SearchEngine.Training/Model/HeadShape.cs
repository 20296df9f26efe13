namespace SearchEngine.Training.Model;

/// <summary>The sizes of the trainable heads; part of the pack's configuration hash.</summary>
public sealed record HeadShape
{
    /// <summary>Width of the shared embedding space.</summary>
    public int Dimension { get; init; } = 256;

    /// <summary>Hidden width of the projection MLPs.</summary>
    public int HiddenWidth { get; init; } = 512;

    /// <summary>Width of the per-patch encoder of the audio head.</summary>
    public int AudioTokenWidth { get; init; } = 128;

    /// <summary>Learned queries of the attention pooling (each one pools the sequence on its own).</summary>
    public int PoolingQueries { get; init; } = 2;

    /// <summary>Dropout inside the heads while training.</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>Dropout on the image head's input features while training (the backbone features are fixed, so this is the image side's augmentation).</summary>
    public double ImageInputDropout { get; init; } = 0.2;

    /// <summary>Standardize the image features (per-dimension mean and standard deviation of the training images) before the head.</summary>
    public bool StandardizeImageFeatures { get; init; } = true;

    /// <summary>Pre-LayerNorm residual MLP blocks after the image head's first projection.</summary>
    public int ImageBlocks { get; init; }

    /// <summary>Dropout on the text head's input sentence vectors while training (caption augmentation).</summary>
    public double TextInputDropout { get; init; } = 0.1;

    /// <summary>Standardize the sentence vectors (per-dimension mean and standard deviation of the training captions) before the text head.</summary>
    public bool StandardizeSentences { get; init; } = true;
}
