using TorchSharp;
using static TorchSharp.torch;

namespace SearchEngine.Training.Model;

/// <summary>
/// The three heads that map frozen backbone features into one space, and the learnable temperature of the contrastive
/// loss (stored as a log logit scale, initialised to 1 / initial temperature and clamped at 100 as in CLIP).
/// </summary>
public sealed class ContrastiveModel : nn.Module
{
    /// <summary>The largest logit scale (smallest temperature) the loss may use.</summary>
    public const float MaxLogitScale = 100f;

    private readonly VectorHead image;
    private readonly SequenceHead audio;
    private readonly VectorHead text;
    private readonly TorchSharp.Modules.Parameter logitScale;

    /// <summary>Creates freshly initialised heads of <paramref name="shape"/>, the loss starting at <paramref name="initialTemperature"/>.</summary>
    public ContrastiveModel(HeadShape shape, double initialTemperature = 0.07) : base("offline_heads")
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        image = new VectorHead("image", BackboneWidths.ImageFeatures, shape.HiddenWidth, shape.Dimension, shape.ImageBlocks, shape.ImageInputDropout, shape.Dropout);
        audio = new SequenceHead("audio", BackboneWidths.AudioPatch, shape.AudioTokenWidth, 0, 1, shape.PoolingQueries,
            shape.HiddenWidth, shape.Dimension, shape.Dropout);
        text = new VectorHead("text", BackboneWidths.Sentence, shape.HiddenWidth, shape.Dimension, 0, shape.TextInputDropout, shape.Dropout);
        logitScale = nn.Parameter(tensor((float)Math.Log(1 / initialTemperature)));
        RegisterComponents();
    }

    /// <summary>The sizes the heads were built with.</summary>
    public HeadShape Shape { get; }

    /// <summary>Image features [N, 1280] → embeddings.</summary>
    public VectorHead Image => image;

    /// <summary>YAMNet patches [N, P, 1024] + mask → embeddings.</summary>
    public SequenceHead Audio => audio;

    /// <summary>Sentence vectors [N, 384] → embeddings.</summary>
    public VectorHead Text => text;

    /// <summary>exp(log scale), clamped to <see cref="MaxLogitScale"/>.</summary>
    public Tensor LogitScale() => logitScale.exp().clamp_max(MaxLogitScale);

    /// <summary>The current temperature, 1 / logit scale.</summary>
    public float Temperature
    {
        get
        {
            using var scale = LogitScale();
            return 1f / scale.item<float>();
        }
    }
}
