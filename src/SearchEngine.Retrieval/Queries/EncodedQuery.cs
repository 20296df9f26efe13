using SearchEngine.Core;

namespace SearchEngine.Retrieval.Queries;

/// <summary>A query as one vector of the collection's space, and which tower made it.</summary>
/// <param name="Vector">The query vector, L2-normalized.</param>
/// <param name="Tower">
/// <see cref="Modality.Text"/>, <see cref="Modality.Image"/> or <see cref="Modality.Audio"/> when one tower embedded the
/// whole query; null when the query mixes towers (text with an example file, a document whose segments come from more
/// than one tower), whose similarities follow no single direction's scale. Calibration picks its map by it.
/// </param>
public sealed record EncodedQuery(float[] Vector, Modality? Tower)
{
    /// <summary>
    /// The example file's sound as decoded for the audio tower (an audio clip, or a video's sound track), capped at the
    /// query limit; null when the query has no such file. Exact matching fingerprints it, so it is decoded once.
    /// </summary>
    public Core.Media.AudioClip? Sound { get; init; }
}
