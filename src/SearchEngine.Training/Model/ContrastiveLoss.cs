using static TorchSharp.torch;

namespace SearchEngine.Training.Model;

/// <summary>
/// The symmetric InfoNCE (CLIP) loss with in-batch negatives, optionally mixed with the VSE++ max-of-hinges loss over
/// the hardest in-batch negative. Rows that share a group (captions of one sound class, captions of one image) are all
/// positives of each other, so a batch never pushes apart pairs that mean the same thing.
/// </summary>
public static class ContrastiveLoss
{
    /// <summary>
    /// The loss between L2-normalized <paramref name="left"/> [N, D] and <paramref name="right"/> [N, D], where row i
    /// of each side belongs to <paramref name="groups"/>[i] (int64 [N]); with <paramref name="hardNegativeWeight"/> &gt; 0
    /// the hinge on the hardest negative (cosine margin <paramref name="margin"/>) is added with that weight.
    /// </summary>
    public static Tensor Compute(Tensor left, Tensor right, Tensor groups, Tensor logitScale, double hardNegativeWeight = 0, double margin = 0.2)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(groups);
        using var scope = NewDisposeScope();
        var similarity = left.matmul(right.t());
        var logits = similarity * logitScale;
        var positives = groups.unsqueeze(1).eq(groups.unsqueeze(0)).to_type(ScalarType.Float32);
        var targets = positives / positives.sum(1, keepdim: true);
        var leftToRight = -(targets * logits.log_softmax(1)).sum(1).mean();
        var rightToLeft = -(targets * logits.t().log_softmax(1)).sum(1).mean();
        var loss = (leftToRight + rightToLeft) / 2f;
        if (hardNegativeWeight > 0)
        {
            loss += HardestNegativeHinge(similarity, positives, margin) * hardNegativeWeight;
        }

        return loss.MoveToOuterDisposeScope();
    }

    // VSE++ (Faghri et al. 2018): for each pair i, [margin + s(i, j) − s(i, i)]₊ for the hardest negative j, both ways.
    private static Tensor HardestNegativeHinge(Tensor similarity, Tensor positives, double margin)
    {
        var diagonal = similarity.diag();
        var negatives = similarity - positives * 4f; // cosines lie in [−1, 1], so positives never win the max
        var hardestRight = negatives.max(1).values;
        var hardestLeft = negatives.max(0).values;
        var leftCost = (hardestRight - diagonal + margin).clamp_min(0f);
        var rightCost = (hardestLeft - diagonal + margin).clamp_min(0f);
        return (leftCost + rightCost).mean();
    }
}
