using TorchSharp;
using static TorchSharp.torch;

namespace SearchEngine.Training.Model;

/// <summary>
/// Pools a padded sequence [N, T, W] into one vector per row: attention pooling with learned queries (one softmax over
/// the real positions per query) concatenated with the masked mean, giving [N, (queries + 1) · W].
/// Padding is excluded by adding (mask − 1) · 1e9 to the scores, a form that exports to plain ONNX ops.
/// </summary>
public sealed class MaskedPooling : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Added to the attention score of a padded position.</summary>
    public const float PaddingPenalty = 1e9f;

    private readonly TorchSharp.Modules.Parameter queries;

    /// <summary>Creates the pooling for tokens of width <paramref name="width"/>.</summary>
    public MaskedPooling(string name, int width, int queryCount) : base(name)
    {
        Width = width;
        QueryCount = queryCount;
        queries = nn.Parameter(randn(width, queryCount) / Math.Sqrt(width));
        RegisterComponents();
    }

    /// <summary>Token width.</summary>
    public int Width { get; }

    /// <summary>Number of learned queries.</summary>
    public int QueryCount { get; }

    /// <summary>Output width: one pooled vector per query plus the mean.</summary>
    public int OutputWidth => (QueryCount + 1) * Width;

    /// <summary>The learned queries, [W, queries].</summary>
    public Tensor Queries => queries;

    /// <inheritdoc />
    public override Tensor forward(Tensor tokens, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var mask3 = mask.unsqueeze(2);
        var scores = tokens.matmul(queries) + (mask3 - 1f) * PaddingPenalty;
        var weights = scores.softmax(1);
        var attended = weights.transpose(1, 2).matmul(tokens).reshape(tokens.shape[0], -1);
        var count = mask.sum(1, keepdim: true).clamp_min(1f);
        var mean = (tokens * mask3).sum(1) / count;
        return cat([attended, mean], 1).MoveToOuterDisposeScope();
    }
}
