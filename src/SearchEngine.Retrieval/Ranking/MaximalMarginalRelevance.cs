using System.Numerics.Tensors;

namespace SearchEngine.Retrieval.Ranking;

/// <summary>
/// Maximal marginal relevance (Carbonell &amp; Goldstein, SIGIR 1998): picks results one at a time, trading relevance
/// against similarity to what is already picked, so near-duplicates do not fill the page.
/// pick = argmax (1 − diversity) · sim(q, d) − diversity · max_{s ∈ picked} sim(d, s).
/// </summary>
public static class MaximalMarginalRelevance
{
    /// <summary>
    /// Reorders <paramref name="ranked"/> (relevance order) and keeps <paramref name="count"/>. <paramref name="vectorOf"/>
    /// gives each document's vector (its best segment's, L2-normalized); <paramref name="diversity"/> is in [0, 1], where
    /// 0 keeps the relevance order unchanged.
    /// </summary>
    public static List<DocumentHit> Select(IReadOnlyList<DocumentHit> ranked, Func<DocumentHit, float[]> vectorOf, double diversity, int count)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(vectorOf);
        if (diversity is < 0 or > 1 || double.IsNaN(diversity))
        {
            throw new ArgumentOutOfRangeException(nameof(diversity), diversity, "diversity must be between 0 and 1.");
        }

        if (diversity == 0 || ranked.Count <= 1)
        {
            return ranked.Take(count).ToList();
        }

        var remaining = ranked.ToList();
        var vectors = remaining.ToDictionary(h => h.DocumentId, vectorOf);
        var maxSimilarityToPicked = new Dictionary<long, float>(remaining.Count);
        var picked = new List<DocumentHit>(Math.Min(count, remaining.Count));
        while (picked.Count < count && remaining.Count > 0)
        {
            var bestIndex = 0;
            var bestScore = double.NegativeInfinity;
            for (var i = 0; i < remaining.Count; i++)
            {
                var candidate = remaining[i];
                var redundancy = maxSimilarityToPicked.GetValueOrDefault(candidate.DocumentId, 0f);
                var score = ((1 - diversity) * candidate.Similarity) - (diversity * redundancy);
                if (score > bestScore)
                {
                    bestScore = score;
                    bestIndex = i;
                }
            }

            var chosen = remaining[bestIndex];
            remaining.RemoveAt(bestIndex);
            picked.Add(chosen);
            var chosenVector = vectors[chosen.DocumentId];
            foreach (var other in remaining)
            {
                var similarity = TensorPrimitives.Dot(chosenVector, vectors[other.DocumentId]);
                if (similarity > maxSimilarityToPicked.GetValueOrDefault(other.DocumentId, float.NegativeInfinity))
                {
                    maxSimilarityToPicked[other.DocumentId] = similarity;
                }
            }
        }

        return picked;
    }
}
