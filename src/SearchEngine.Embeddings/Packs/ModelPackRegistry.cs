using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SearchEngine.Embeddings.Packs;

/// <summary>
/// The packs installed in the packs folder, loaded on first use and kept (sessions are expensive to create).
/// A pack's folder name need not equal its id; packs are found by the id in their manifest.
/// </summary>
public sealed class ModelPackRegistry : IDisposable
{
    private readonly ModelPackLoader _loader;
    private readonly ModelPackOptions _options;
    private readonly ILogger<ModelPackRegistry> _logger;
    private readonly ConcurrentDictionary<string, Lazy<ModelPack>> _loaded = new(StringComparer.Ordinal);

    /// <summary>Creates the registry over <see cref="ModelPackOptions.PacksFolder"/>.</summary>
    public ModelPackRegistry(ModelPackLoader loader, IOptions<ModelPackOptions> options, ILogger<ModelPackRegistry>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _loader = loader;
        _options = options.Value;
        _logger = logger ?? NullLogger<ModelPackRegistry>.Instance;
    }

    /// <summary>The id of the default pack.</summary>
    public string DefaultPackId => _options.DefaultPackId;

    /// <summary>The manifests of the packs installed, by id; folders with invalid manifests are logged and left out.</summary>
    public IReadOnlyDictionary<string, (PackManifest Manifest, string Folder)> Installed()
    {
        var packs = new Dictionary<string, (PackManifest, string)>(StringComparer.Ordinal);
        var root = _options.ResolvePacksFolder();
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(folder, PackManifest.FileName)))
            {
                continue;
            }

            try
            {
                var manifest = PackManifestFile.Read(folder);
                if (!packs.TryAdd(manifest.Id, (manifest, folder)))
                {
                    _logger.LogWarning("Model pack id {PackId} appears twice ({First} and {Second}); using the first.", manifest.Id, packs[manifest.Id].Item2, folder);
                }
            }
            catch (PackLoadException e)
            {
                _logger.LogWarning("Skipping model pack folder {Folder}: {Reason}", folder, e.Message);
            }
        }

        return packs;
    }

    /// <summary>The pack with <paramref name="packId"/> (the default pack when null), loaded once.</summary>
    public ModelPack Get(string? packId = null)
    {
        var id = string.IsNullOrWhiteSpace(packId) ? _options.DefaultPackId : packId;
        var lazy = _loaded.GetOrAdd(id, key => new Lazy<ModelPack>(() => LoadById(key), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed load is not cached: the pack may be installed or fixed while the process runs.
            _loaded.TryRemove(new KeyValuePair<string, Lazy<ModelPack>>(id, lazy));
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var lazy in _loaded.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }

        _loaded.Clear();
    }

    private ModelPack LoadById(string id)
    {
        var installed = Installed();
        if (!installed.TryGetValue(id, out var entry))
        {
            throw new PackLoadException(
                $"Model pack '{id}' is not installed in '{_options.ResolvePacksFolder()}'; installed packs: " +
                (installed.Count == 0 ? "none" : string.Join(", ", installed.Keys)) + ".");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var pack = _loader.Load(entry.Folder);
        _logger.LogInformation("Loaded model pack {PackId} {Version} ({Dimension}-d, fingerprint {Fingerprint}, {Calibration}) in {Elapsed} ms.",
            pack.Id, pack.Version, pack.Dimension, pack.Fingerprint, pack.Calibration is null ? "not calibrated" : "calibrated",
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (pack.CalibrationProblem is { } problem)
        {
            _logger.LogWarning("Model pack {PackId}: {Problem}", pack.Id, problem);
        }
        return pack;
    }
}
