using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SearchEngine.Training.Model;

/// <summary>The image head: MobileNetV2's pooled features → MLP projection into the shared space, L2-normalized.</summary>
public sealed class ImageHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear projectIn;
    private readonly Linear projectOut;
    private readonly double dropout;

    /// <summary>Creates the head.</summary>
    public ImageHead(string name, int hiddenWidth, int dimension, double dropout) : base(name)
    {
        projectIn = nn.Linear(BackboneWidths.ImageFeatures, hiddenWidth);
        projectOut = nn.Linear(hiddenWidth, dimension);
        this.dropout = dropout;
        RegisterComponents();
    }

    /// <summary>The projection layers, in order.</summary>
    public Linear ProjectIn => projectIn;

    /// <inheritdoc cref="ProjectIn"/>
    public Linear ProjectOut => projectOut;

    /// <inheritdoc />
    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.dropout(features, dropout, training);
        var z = nn.functional.gelu(projectIn.forward(x));
        z = nn.functional.dropout(z, dropout, training);
        return nn.functional.normalize(projectOut.forward(z), 2.0, 1).MoveToOuterDisposeScope();
    }
}
