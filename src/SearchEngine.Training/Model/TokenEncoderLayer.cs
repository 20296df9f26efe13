using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SearchEngine.Training.Model;

/// <summary>
/// One pre-LayerNorm transformer encoder layer over padded tokens [N, T, W]: masked multi-head self-attention, then a
/// position-wise MLP, each added back to its input. Padding keys are excluded the way <see cref="MaskedPooling"/> does
/// it, by adding (mask − 1) · 1e9 to the scores; padded query rows are computed but never pooled.
/// </summary>
public sealed class TokenEncoderLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly LayerNorm attentionNorm;
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear output;
    private readonly ResidualBlock mlp;
    private readonly double dropout;

    /// <summary>Creates a layer for <paramref name="width"/>-wide tokens with <paramref name="heads"/> attention heads.</summary>
    public TokenEncoderLayer(string name, int width, int heads, double dropout) : base(name)
    {
        if (heads < 1 || width % heads != 0)
        {
            throw new ArgumentException($"{heads} attention heads do not divide a token width of {width}.", nameof(heads));
        }

        Width = width;
        Heads = heads;
        attentionNorm = nn.LayerNorm(width);
        query = nn.Linear(width, width);
        key = nn.Linear(width, width);
        value = nn.Linear(width, width);
        output = nn.Linear(width, width);
        mlp = new ResidualBlock("mlp", width, 2 * width, dropout);
        this.dropout = dropout;
        RegisterComponents();
    }

    /// <summary>Token width.</summary>
    public int Width { get; }

    /// <summary>Attention heads.</summary>
    public int Heads { get; }

    /// <summary>The normalization before attention.</summary>
    public LayerNorm AttentionNorm => attentionNorm;

    /// <summary>Query projection.</summary>
    public Linear Query => query;

    /// <summary>Key projection.</summary>
    public Linear Key => key;

    /// <summary>Value projection.</summary>
    public Linear Value => value;

    /// <summary>Projection of the concatenated heads.</summary>
    public Linear Output => output;

    /// <summary>The position-wise MLP block.</summary>
    public ResidualBlock Mlp => mlp;

    /// <inheritdoc />
    public override Tensor forward(Tensor tokens, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var n = tokens.shape[0];
        var t = tokens.shape[1];
        var headWidth = Width / Heads;
        var x = attentionNorm.forward(tokens);
        // [N, T, W] → [N, H, T, W/H]
        Tensor Split(Tensor projected) => projected.reshape(n, t, Heads, headWidth).transpose(1, 2);
        var q = Split(query.forward(x));
        var k = Split(key.forward(x));
        var v = Split(value.forward(x));
        var penalty = ((mask - 1f) * MaskedPooling.PaddingPenalty).unsqueeze(1).unsqueeze(1);
        var scores = q.matmul(k.transpose(2, 3)) / MathF.Sqrt(headWidth) + penalty;
        var weights = nn.functional.dropout(scores.softmax(-1), dropout, training);
        var attended = weights.matmul(v).transpose(1, 2).reshape(n, t, Width);
        var h = tokens + output.forward(attended);
        return mlp.forward(h).MoveToOuterDisposeScope();
    }
}
