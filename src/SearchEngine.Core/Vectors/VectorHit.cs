namespace SearchEngine.Core.Vectors;

/// <summary>One search result: an external id and its distance to the query (smaller is nearer).</summary>
/// <param name="Id">The external id given at insert.</param>
/// <param name="Distance">For <see cref="DistanceMetric.Cosine"/>, 1 − cosine similarity; for L2, the squared distance.</param>
public readonly record struct VectorHit(long Id, float Distance)
{
    /// <summary>Cosine similarity for a cosine index (1 − <see cref="Distance"/>).</summary>
    public float Similarity => 1f - Distance;
}
