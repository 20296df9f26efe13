namespace SearchEngine.Training.Model;

/// <summary>The sizes of the trainable heads; part of the pack's configuration hash.</summary>
public sealed record HeadShape
{
    /// <summary>Width of the shared embedding space.</summary>
    public int Dimension { get; init; } = 256;

    /// <summary>Hidden width of the projection MLPs.</summary>
    public int HiddenWidth { get; init; } = 1024;

    /// <summary>Width of the per-word token encoder of the text head.</summary>
    public int TextTokenWidth { get; init; } = 256;

    /// <summary>Width of the per-patch encoder of the audio head.</summary>
    public int AudioTokenWidth { get; init; } = 512;

    /// <summary>Learned queries of the attention pooling (each one pools the sequence on its own).</summary>
    public int PoolingQueries { get; init; } = 4;

    /// <summary>Dropout inside the heads while training.</summary>
    public double Dropout { get; init; } = 0.2;
}
