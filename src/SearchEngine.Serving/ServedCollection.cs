using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Core.Vectors;
using SearchEngine.Embeddings.Calibration;
using SearchEngine.Embeddings.Towers;
using SearchEngine.Fingerprints;

namespace SearchEngine.Serving;

/// <summary>
/// A collection ready to answer queries: its record, its live vector index with the catalogue kept in step with it,
/// and its pack's towers and calibration.
/// </summary>
/// <param name="Info">The collection (name, pack binding, dimension).</param>
/// <param name="Index">The serving copy of its vectors, caught up with PostgreSQL.</param>
/// <param name="Catalogue">Where each indexed segment sits and each document's modality and text terms.</param>
/// <param name="Text">The pack's text tower, when it has one.</param>
/// <param name="Image">The pack's image tower, when it has one.</param>
/// <param name="Audio">The pack's audio tower, when it has one.</param>
/// <param name="Calibration">The pack's similarity → relevance maps, when it has them (hits then carry a relevance).</param>
/// <param name="Fingerprints">The audio fingerprints of its recordings, kept in step with the index; null when not served.</param>
public sealed record ServedCollection(
    CollectionInfo Info, IVectorIndex Index, CollectionCatalogue Catalogue, ITextTower? Text, IImageTower? Image, IAudioTower? Audio,
    PackCalibration? Calibration = null, FingerprintIndex? Fingerprints = null);
