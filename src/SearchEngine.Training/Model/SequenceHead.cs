using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SearchEngine.Training.Model;

/// <summary>
/// A head over a padded sequence of frozen backbone vectors (YAMNet patches): a per-token MLP, optional self-attention
/// layers, masked attention + mean pooling, and an MLP projection into the shared space, L2-normalized.
/// </summary>
public sealed class SequenceHead : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear tokenIn;
    private readonly Linear tokenOut;
    private readonly ModuleList<TokenEncoderLayer> layers;
    private readonly MaskedPooling pooling;
    private readonly Linear projectIn;
    private readonly Linear projectOut;
    private readonly double dropout;

    /// <summary>Creates a head for <paramref name="inputWidth"/>-wide tokens.</summary>
    public SequenceHead(string name, int inputWidth, int tokenWidth, int layerCount, int attentionHeads, int queries, int hiddenWidth, int dimension, double dropout)
        : base(name)
    {
        tokenIn = nn.Linear(inputWidth, tokenWidth);
        tokenOut = nn.Linear(tokenWidth, tokenWidth);
        layers = nn.ModuleList([.. Enumerable.Range(0, layerCount).Select(i => new TokenEncoderLayer($"layer{i}", tokenWidth, attentionHeads, dropout))]);
        pooling = new MaskedPooling("pooling", tokenWidth, queries);
        projectIn = nn.Linear(pooling.OutputWidth, hiddenWidth);
        projectOut = nn.Linear(hiddenWidth, dimension);
        this.dropout = dropout;
        RegisterComponents();
    }


    /// <summary>The per-token layers, in order.</summary>
    public Linear TokenIn => tokenIn;

    /// <inheritdoc cref="TokenIn"/>
    public Linear TokenOut => tokenOut;

    /// <summary>The self-attention layers after the per-token MLP, in order.</summary>
    public IReadOnlyList<TokenEncoderLayer> Layers => [.. layers];

    /// <summary>The pooling over tokens.</summary>
    public MaskedPooling Pooling => pooling;

    /// <summary>The projection layers, in order.</summary>
    public Linear ProjectIn => projectIn;

    /// <inheritdoc cref="ProjectIn"/>
    public Linear ProjectOut => projectOut;

    /// <inheritdoc />
    public override Tensor forward(Tensor tokens, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        using var scope = NewDisposeScope();
        var h = nn.functional.gelu(tokenIn.forward(tokens));
        h = nn.functional.dropout(h, dropout, training);
        h = tokenOut.forward(h);
        foreach (var layer in layers)
        {
            h = layer.forward(h, mask);
        }

        var pooled = pooling.forward(h, mask);
        var z = nn.functional.gelu(projectIn.forward(pooled));
        z = nn.functional.dropout(z, dropout, training);
        return nn.functional.normalize(projectOut.forward(z), 2.0, 1).MoveToOuterDisposeScope();
    }
}
