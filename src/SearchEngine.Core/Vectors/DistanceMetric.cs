namespace SearchEngine.Core.Vectors;

/// <summary>The distance an index orders neighbours by.</summary>
public enum DistanceMetric
{
    /// <summary>Cosine distance, 1 − cos(a, b): vectors are normalized on insert and compared by inner product.</summary>
    Cosine = 1,

    /// <summary>Squared Euclidean distance.</summary>
    L2 = 2,
}
