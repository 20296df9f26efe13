using Microsoft.Extensions.Logging;
using SearchEngine.Core;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Towers;
using SearchEngine.Training.Data;
using SearchEngine.Training.Features;

namespace SearchEngine.Training.Evaluation;

/// <summary>
/// Evaluates a pack folder end to end: loads it with the Embeddings pack loader (the offline towers, plus any other
/// tower factories given, e.g. CLIP/CLAP), labels the Flickr8k test images with MobileNetV2's top-1 class (cached),
/// and runs <see cref="PackEvaluator"/>.
/// </summary>
public sealed class PackEvaluation(SharedData shared, int threads, ILogger logger, IEnumerable<ITowerFactory>? extraFactories = null)
{
    /// <summary>Evaluates the pack in <paramref name="packFolder"/>.</summary>
    public async Task<EvaluationReport> RunAsync(string packFolder, CancellationToken cancellationToken = default)
    {
        var labels = await ZeroShotLabelsAsync(cancellationToken);
        var factories = OfflinePack.TowerFactories.Concat(extraFactories ?? []).GroupBy(f => f.Type).Select(g => g.First());
        using var pack = new ModelPackLoader(factories, shared: shared).Load(packFolder);
        logger.LogInformation("evaluating pack '{Id}' from '{Folder}'", pack.Id, packFolder);
        return await new PackEvaluator(shared, logger).RunAsync(new TowerEncoders(pack, shared, threads), labels, cancellationToken);
    }

    // MobileNetV2's own top-1 class per Flickr8k test image: the label of the zero-shot check, the same for every pack.
    private async Task<IReadOnlyDictionary<string, int>> ZeroShotLabelsAsync(CancellationToken cancellationToken)
    {
        var test = Flickr8k.Load(shared).Split(Flickr8kSplit.Test).Select(i => i.RelativePath).ToList();
        using var backbones = FrozenBackbones.Open(shared);
        var caches = BackboneCaches.Open("eval", backbones);
        await new FeatureExtraction(shared, threads, logger).EnsureAsync("zero-shot labels (MobileNetV2 top-1)", test,
            [caches.ImageFeatures, caches.ImageLogits], backbones.ImageAsync, cancellationToken);
        return test.Where(p => caches.ImageLogits.TryGet(p, out _))
            .ToDictionary(p => p, p => System.Numerics.Tensors.TensorPrimitives.IndexOfMax(caches.ImageLogits.Get(p).Values), StringComparer.Ordinal);
    }
}
