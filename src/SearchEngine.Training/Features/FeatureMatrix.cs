namespace SearchEngine.Training.Features;

/// <summary>A row-major float matrix: the backbone features of one file (one row for an image, one per YAMNet patch).</summary>
/// <param name="Rows">Number of rows.</param>
/// <param name="Width">Number of columns.</param>
/// <param name="Values">The values, <c>Rows * Width</c> long.</param>
public sealed record FeatureMatrix(int Rows, int Width, float[] Values)
{
    /// <summary>Row <paramref name="row"/> as a span.</summary>
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Width, Width);
}
