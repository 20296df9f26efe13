using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SearchEngine.Training.Model;

/// <summary>
/// A head over one frozen backbone vector per item (MobileNetV2's pooled features, a sentence encoder's vector):
/// (standardization) → input dropout → MLP projection with optional residual blocks into the shared space, L2-normalized.
/// </summary>
public sealed class VectorHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear projectIn;
    private readonly ModuleList<ResidualBlock> blocks;
    private readonly Linear projectOut;
    private readonly Tensor featureMean;
    private readonly Tensor featureScale;
    private readonly double inputDropout;
    private readonly double dropout;

    /// <summary>Creates the head.</summary>
    public VectorHead(string name, int inputWidth, int hiddenWidth, int dimension, int blockCount, double inputDropout, double dropout) : base(name)
    {
        InputWidth = inputWidth;
        projectIn = nn.Linear(inputWidth, hiddenWidth);
        blocks = nn.ModuleList([.. Enumerable.Range(0, blockCount).Select(i => new ResidualBlock($"block{i}", hiddenWidth, hiddenWidth, dropout))]);
        projectOut = nn.Linear(hiddenWidth, dimension);
        // Identity until Standardize is called; buffers, so they travel with the weights (snapshots, export).
        featureMean = zeros(inputWidth);
        featureScale = ones(inputWidth);
        register_buffer("feature_mean", featureMean);
        register_buffer("feature_scale", featureScale);
        this.inputDropout = inputDropout;
        this.dropout = dropout;
        RegisterComponents();
    }

    /// <summary>Width of the input vectors.</summary>
    public int InputWidth { get; }

    /// <summary>Width of the output vectors (the shared space).</summary>
    public int Dimension => (int)projectOut.weight!.shape[0];

    /// <summary>The first projection.</summary>
    public Linear ProjectIn => projectIn;

    /// <summary>The residual blocks after <see cref="ProjectIn"/>, in order.</summary>
    public IReadOnlyList<ResidualBlock> Blocks => [.. blocks];

    /// <summary>The projection into the shared space.</summary>
    public Linear ProjectOut => projectOut;

    /// <summary>Subtracted from the input first [InputWidth].</summary>
    public Tensor FeatureMean => featureMean;

    /// <summary>Multiplies the centred input [InputWidth].</summary>
    public Tensor FeatureScale => featureScale;

    /// <summary>Sets the standardization from training inputs [M, InputWidth]: per-dimension mean and 1 / (std + 1e-3).</summary>
    public void Standardize(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var on = features.to(featureMean.device);
        featureMean.copy_(on.mean([0]));
        featureScale.copy_(1f / (on.std(0) + 1e-3f));
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = (features - featureMean) * featureScale;
        x = nn.functional.dropout(x, inputDropout, training);
        var z = nn.functional.gelu(projectIn.forward(x));
        foreach (var block in blocks)
        {
            z = block.forward(z);
        }

        z = nn.functional.dropout(z, dropout, training);
        return nn.functional.normalize(projectOut.forward(z), 2.0, 1).MoveToOuterDisposeScope();
    }
}
