using SearchEngine.Core;
using SearchEngine.Embeddings.Calibration;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Packs;

/// <summary>
/// A loaded model pack: its manifest, fingerprint and towers (each holding its ONNX sessions). Every tower embeds
/// into the same <see cref="Dimension"/>-d cosine space. Dispose it to release the sessions.
/// </summary>
public sealed class ModelPack : IDisposable
{
    internal ModelPack(PackManifest manifest, string folder, string fingerprint, ITextTower? text, IImageTower? image, IAudioTower? audio)
    {
        Manifest = manifest;
        Folder = folder;
        Fingerprint = fingerprint;
        Text = text;
        Image = image;
        Audio = audio;
        Calibration = PackCalibrationFile.TryLoad(folder, fingerprint, out var problem);
        CalibrationProblem = problem;
    }

    /// <summary>The parsed <c>pack.json</c>.</summary>
    public PackManifest Manifest { get; }

    /// <summary>The pack's id.</summary>
    public string Id => Manifest.Id;

    /// <summary>The pack's version.</summary>
    public string Version => Manifest.Version;

    /// <summary>Length of every vector.</summary>
    public int Dimension => Manifest.Dimension;

    /// <summary>The pack folder.</summary>
    public string Folder { get; }

    /// <summary>SHA-256 over the manifest and every referenced file (see <see cref="PackFingerprint"/>).</summary>
    public string Fingerprint { get; }

    /// <summary>The text tower, if the pack has one.</summary>
    public ITextTower? Text { get; }

    /// <summary>The image tower, if the pack has one.</summary>
    public IImageTower? Image { get; }

    /// <summary>The audio tower, if the pack has one.</summary>
    public IAudioTower? Audio { get; }

    /// <summary>
    /// The pack's <c>calibration.json</c> (similarity → estimated relevance per search direction), when it has one
    /// fitted for this fingerprint; null otherwise (CLIP and CLAP packs, test packs, a pack not calibrated yet).
    /// </summary>
    public PackCalibration? Calibration { get; }

    /// <summary>Why a <c>calibration.json</c> that is there was not used (unreadable, or fitted for another build); null otherwise.</summary>
    public string? CalibrationProblem { get; }

    /// <summary>Whether the pack can embed <paramref name="modality"/> (video needs the image or the audio tower).</summary>
    public bool Supports(Modality modality) => modality switch
    {
        Modality.Text => Text is not null,
        Modality.Image => Image is not null,
        Modality.Audio => Audio is not null,
        Modality.Video => Image is not null || Audio is not null,
        _ => false,
    };

    /// <summary>The text tower; a clear error when the pack has none.</summary>
    public ITextTower RequireText() => Text ?? throw Missing("text");

    /// <summary>The image tower; a clear error when the pack has none.</summary>
    public IImageTower RequireImage() => Image ?? throw Missing("image");

    /// <summary>The audio tower; a clear error when the pack has none.</summary>
    public IAudioTower RequireAudio() => Audio ?? throw Missing("audio");

    /// <summary>Throws <see cref="PackMismatchException"/> naming both packs unless <paramref name="collection"/> was built with this pack.</summary>
    public void EnsureMatches(CollectionInfo collection) => PackCompatibility.Ensure(collection, Id, Fingerprint);

    /// <summary>Whether <paramref name="collection"/> was built with this pack: same id, fingerprint and dimension.</summary>
    public bool Built(CollectionInfo collection) =>
        PackCompatibility.Matches(collection, Id, Fingerprint) && collection.Dimension == Dimension;

    /// <inheritdoc />
    public void Dispose()
    {
        Text?.Dispose();
        Image?.Dispose();
        Audio?.Dispose();
    }

    private NotSupportedException Missing(string slot) =>
        new($"Model pack '{Id}' has no {slot} tower; it has {string.Join(", ", Manifest.Towers.Keys)}. Use a pack with a {slot} tower for this collection.");
}
