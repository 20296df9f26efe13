using SearchEngine.Training.Features;

namespace SearchEngine.Training.Evaluation;

/// <summary>
/// Embeds benchmark files and texts into one space for <see cref="PackEvaluator"/>: either a loaded model pack's towers
/// (any pack: offline, CLIP, CLAP) or freshly trained heads over cached backbone features.
/// </summary>
public interface IRetrievalEncoders
{
    /// <summary>What is evaluated, for the report.</summary>
    string Name { get; }

    /// <summary>Length of the learned part of every vector when it is followed by a concept part; null when the vector is one space.</summary>
    int? LearnedWidth => null;

    /// <summary>One L2-normalized vector per image file (paths relative to the shared folder).</summary>
    Task<FeatureMatrix> EmbedImagesAsync(IReadOnlyList<string> relativePaths, CancellationToken cancellationToken);

    /// <summary>One L2-normalized vector per audio file (a clip's windows are averaged and re-normalized).</summary>
    Task<FeatureMatrix> EmbedAudioAsync(IReadOnlyList<string> relativePaths, CancellationToken cancellationToken);

    /// <summary>One L2-normalized vector per text.</summary>
    Task<FeatureMatrix> EmbedTextsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
