namespace SearchEngine.Embeddings.Towers;

/// <summary>The embedding of one window of an audio clip.</summary>
/// <param name="Start">Window start in seconds of the source.</param>
/// <param name="End">Window end in seconds of the source (never past the end of the clip).</param>
/// <param name="Vector">L2-normalized embedding.</param>
public sealed record AudioWindowEmbedding(double Start, double End, float[] Vector);
