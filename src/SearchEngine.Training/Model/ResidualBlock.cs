using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SearchEngine.Training.Model;

/// <summary>A pre-LayerNorm residual MLP block: x + W₂ · GELU(W₁ · LN(x)). Deepens a head without hurting its gradient flow.</summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm norm;
    private readonly Linear expand;
    private readonly Linear contract;
    private readonly double dropout;

    /// <summary>Creates a block over <paramref name="width"/>-wide vectors with a hidden layer of <paramref name="hiddenWidth"/>.</summary>
    public ResidualBlock(string name, int width, int hiddenWidth, double dropout) : base(name)
    {
        norm = nn.LayerNorm(width);
        expand = nn.Linear(width, hiddenWidth);
        contract = nn.Linear(hiddenWidth, width);
        this.dropout = dropout;
        RegisterComponents();
    }

    /// <summary>The normalization before the MLP.</summary>
    public LayerNorm Norm => norm;

    /// <summary>The MLP's layers, in order.</summary>
    public Linear Expand => expand;

    /// <inheritdoc cref="Expand"/>
    public Linear Contract => contract;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = nn.functional.gelu(expand.forward(norm.forward(x)));
        h = nn.functional.dropout(h, dropout, training);
        return (x + contract.forward(h)).MoveToOuterDisposeScope();
    }
}
