using static TorchSharp.torch;

namespace SearchEngine.Training.Model;

/// <summary>
/// The symmetric InfoNCE (CLIP) loss with in-batch negatives. Rows that share a group (captions of one sound class,
/// for example) are all positives of each other, so a batch never pushes apart pairs that mean the same thing.
/// </summary>
public static class ContrastiveLoss
{
    /// <summary>
    /// The loss between L2-normalized <paramref name="left"/> [N, D] and <paramref name="right"/> [N, D], where row i
    /// of each side belongs to <paramref name="groups"/>[i] (int64 [N]).
    /// </summary>
    public static Tensor Compute(Tensor left, Tensor right, Tensor groups, Tensor logitScale)
    {
        ArgumentNullException.ThrowIfNull(groups);
        using var scope = NewDisposeScope();
        var logits = left.matmul(right.t()) * logitScale;
        var positives = groups.unsqueeze(1).eq(groups.unsqueeze(0)).to_type(ScalarType.Float32);
        var targets = positives / positives.sum(1, keepdim: true);
        var leftToRight = -(targets * logits.log_softmax(1)).sum(1).mean();
        var rightToLeft = -(targets * logits.t().log_softmax(1)).sum(1).mean();
        return ((leftToRight + rightToLeft) / 2f).MoveToOuterDisposeScope();
    }
}
