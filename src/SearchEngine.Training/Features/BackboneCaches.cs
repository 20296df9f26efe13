using SearchEngine.Core;
using SearchEngine.Training.Model;

namespace SearchEngine.Training.Features;

/// <summary>
/// The feature caches of one purpose (training or evaluation) for the current backbones, in the cache folder
/// <c>features/</c>. File names carry the backbone fingerprints, so new backbone files never read stale features.
/// </summary>
public sealed class BackboneCaches
{
    private BackboneCaches(FeatureCache imageFeatures, FeatureCache imageLogits, FeatureCache audioPatches, FeatureCache audioScores, FeatureCache sentences)
    {
        Sentences = sentences;
        ImageFeatures = imageFeatures;
        ImageLogits = imageLogits;
        AudioPatches = audioPatches;
        AudioScores = audioScores;
    }

    /// <summary>MobileNetV2 pooled features, [1, 1280] per image.</summary>
    public FeatureCache ImageFeatures { get; }

    /// <summary>MobileNetV2's ImageNet logits, [1, 1000] per image.</summary>
    public FeatureCache ImageLogits { get; }

    /// <summary>YAMNet patch embeddings, [P, 1024] per clip.</summary>
    public FeatureCache AudioPatches { get; }

    /// <summary>Sentence vectors, [1, 384] per text, keyed by the text's SHA-256.</summary>
    public FeatureCache Sentences { get; }

    /// <summary>YAMNet class scores averaged over patches, [1, 521] per clip.</summary>
    public FeatureCache AudioScores { get; }

    /// <summary>Opens (or starts) the caches named <paramref name="purpose"/> for <paramref name="backbones"/>.</summary>
    public static BackboneCaches Open(string purpose, FrozenBackbones backbones, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(backbones);
        folder ??= CacheDirectory.Folder("features");
        string File(string backbone, string fingerprint, string kind) => Path.Combine(folder, $"{purpose}-{backbone}-{fingerprint[..16]}.{kind}.f16");
        return new BackboneCaches(
            FeatureCache.Open(File("mobilenetv2", backbones.ImageFingerprint, "features"), BackboneWidths.ImageFeatures),
            FeatureCache.Open(File("mobilenetv2", backbones.ImageFingerprint, "logits"), BackboneWidths.ImageClasses),
            FeatureCache.Open(File("yamnet", backbones.AudioFingerprint, "patches"), BackboneWidths.AudioPatch),
            FeatureCache.Open(File("yamnet", backbones.AudioFingerprint, "scores"), FrozenBackbones.AudioSetClasses),
            FeatureCache.Open(File("minilm", backbones.TextFingerprint, "sentences"), BackboneWidths.Sentence));
    }
}
