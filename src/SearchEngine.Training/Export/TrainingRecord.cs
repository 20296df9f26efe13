using SearchEngine.Training.Training;

namespace SearchEngine.Training.Export;

/// <summary>How a pack was trained, written into it as <c>training.json</c>; its hash decides whether setup may skip retraining.</summary>
/// <param name="ConfigHash">Hash of recipe, data manifest, backbones and hyper-parameters.</param>
/// <param name="Recipe">The training recipe version.</param>
/// <param name="Options">The hyper-parameters.</param>
/// <param name="Result">What training reached.</param>
/// <param name="ExtractionSeconds">Wall time of feature extraction in this run (0 when cached).</param>
/// <param name="ImageBackboneSha256">SHA-256 of the MobileNetV2 file and its precision (<c>FrozenBackbones.ImageFingerprint</c>).</param>
/// <param name="AudioBackboneSha256">SHA-256 of the YAMNet file.</param>
/// <param name="SentenceEncoderSha256">SHA-256 of the sentence encoder's model.</param>
/// <param name="Device">The TorchSharp device trained on.</param>
/// <param name="Fusion">The concept bridge's weights and the selection figures they were chosen on.</param>
public sealed record TrainingRecord(
    string ConfigHash, string Recipe, TrainingOptions Options, TrainingResult Result, double ExtractionSeconds,
    string ImageBackboneSha256, string AudioBackboneSha256, string SentenceEncoderSha256, string Device, FusionChoice Fusion);
