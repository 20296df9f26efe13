using SearchEngine.Core;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Packs;

/// <summary>
/// Loads pack folders: validates <c>pack.json</c>, checks every referenced file exists, computes the fingerprint and
/// builds each tower through the factory registered for its type.
/// </summary>
public sealed class ModelPackLoader
{
    private readonly Dictionary<string, ITowerFactory> _factories;
    private readonly OnnxSessionFactory _sessions;
    private readonly SharedData _shared;

    /// <summary>Creates a loader that knows the given tower implementations.</summary>
    public ModelPackLoader(IEnumerable<ITowerFactory> factories, OnnxSessionFactory? sessions = null, SharedData? shared = null)
    {
        ArgumentNullException.ThrowIfNull(factories);
        _factories = new Dictionary<string, ITowerFactory>(StringComparer.Ordinal);
        foreach (var factory in factories)
        {
            _factories[factory.Type] = factory;
        }

        _sessions = sessions ?? OnnxSessionFactory.Default;
        _shared = shared ?? SharedData.Default;
    }

    /// <summary>The tower types this loader can build.</summary>
    public IReadOnlyCollection<string> TowerTypes => _factories.Keys;

    /// <summary>Loads the pack in <paramref name="packFolder"/>; any problem is a <see cref="PackLoadException"/> naming it.</summary>
    public ModelPack Load(string packFolder)
    {
        var manifest = PackManifestFile.Read(packFolder);
        var files = new PackFileResolver(packFolder, _shared);
        foreach (var (slot, tower) in manifest.Towers)
        {
            if (!_factories.ContainsKey(tower.Type))
            {
                throw new PackLoadException(
                    $"Model pack '{manifest.Id}': tower '{slot}' has type '{tower.Type}', which no registered tower factory builds; known types: {string.Join(", ", _factories.Keys.Order(StringComparer.Ordinal))}.");
            }
        }

        // Checks every referenced file before any session is created, so a missing file is reported by name.
        var fingerprint = PackFingerprint.Compute(manifest, files);

        var towers = new List<ITower>();
        try
        {
            ITextTower? text = null;
            IImageTower? image = null;
            IAudioTower? audio = null;
            foreach (var (slot, towerManifest) in manifest.Towers)
            {
                var context = new TowerContext(manifest, slot, towerManifest, files, _sessions);
                var tower = _factories[towerManifest.Type].Create(context);
                towers.Add(tower);
                if (tower.Dimension != manifest.Dimension)
                {
                    throw new PackLoadException(
                        $"Model pack '{manifest.Id}': tower '{slot}' ({towerManifest.Type}) produces {tower.Dimension}-d vectors but the pack's \"dimension\" is {manifest.Dimension}.");
                }

                switch (slot)
                {
                    case TowerSlot.Text: text = tower as ITextTower ?? throw WrongKind(manifest, slot, towerManifest, nameof(ITextTower)); break;
                    case TowerSlot.Image: image = tower as IImageTower ?? throw WrongKind(manifest, slot, towerManifest, nameof(IImageTower)); break;
                    case TowerSlot.Audio: audio = tower as IAudioTower ?? throw WrongKind(manifest, slot, towerManifest, nameof(IAudioTower)); break;
                    default: throw new PackLoadException($"Model pack '{manifest.Id}': unknown tower kind '{slot}'.");
                }
            }

            return new ModelPack(manifest, files.PackFolder, fingerprint, text, image, audio);
        }
        catch
        {
            foreach (var tower in towers)
            {
                tower.Dispose();
            }

            throw;
        }
    }

    private static PackLoadException WrongKind(PackManifest manifest, string slot, TowerManifest tower, string expected) =>
        new($"Model pack '{manifest.Id}': tower type '{tower.Type}' does not build an {expected}, so it cannot fill slot '{slot}'.");
}
