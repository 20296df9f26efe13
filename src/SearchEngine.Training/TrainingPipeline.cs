using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SearchEngine.Core;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Training.Data;
using SearchEngine.Training.Evaluation;
using SearchEngine.Training.Export;
using SearchEngine.Training.Features;
using SearchEngine.Training.Model;
using SearchEngine.Training.Training;
using TorchSharp;

namespace SearchEngine.Training;

/// <summary>What <see cref="TrainingPipeline.RunAsync"/> did.</summary>
/// <param name="PackFolder">The pack's folder.</param>
/// <param name="Skipped">True when a complete pack with the same configuration hash already existed.</param>
/// <param name="ConfigHash">Hash of data manifest, backbones, hyper-parameters and code version.</param>
/// <param name="ExtractionSeconds">Wall time spent extracting backbone features (0 when all were cached).</param>
/// <param name="TrainingSeconds">Wall time of the training loop.</param>
/// <param name="Result">The training outcome (null when skipped).</param>
/// <param name="Evaluation">The held-out evaluation of the written pack (null when skipped or not asked for).</param>
public sealed record TrainingRunReport(
    string PackFolder, bool Skipped, string ConfigHash, double ExtractionSeconds, double TrainingSeconds,
    TrainingResult? Result, EvaluationReport? Evaluation);

/// <summary>
/// Builds the offline model pack: extracts and caches frozen backbone features (MobileNetV2, YAMNet, GloVe), trains the
/// heads contrastively, exports them to ONNX, writes <c>pack.json</c>, the data manifest and the training record, and
/// evaluates the pack. Idempotent: a complete pack with the same configuration hash is left as it is.
/// </summary>
public sealed class TrainingPipeline(ILogger<TrainingPipeline> logger)
{
    /// <summary>Bump when a code change alters what training produces, so cached packs are rebuilt.</summary>
    public const string RecipeVersion = "heads-v3";

    // Audio files per ffmpeg process during extraction (see AudioDecoder.DecodeManyAsync).
    private const int AudioBatchSize = 48;

    /// <summary>Runs the pipeline.</summary>
    public async Task<TrainingRunReport> RunAsync(TrainingPipelineOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var shared = options.Shared ?? SharedData.Default;
        var training = options.Training;
        var folder = Path.GetFullPath(options.PackFolder ?? options.DefaultPackFolder);
        using var backbones = FrozenBackbones.Open(shared);

        var corpus = TrainingCorpus.Plan(shared, training);
        var configHash = ConfigHash(corpus.Manifest(training), backbones, training);
        if (!options.Force && PackWriter.IsComplete(folder, configHash))
        {
            logger.LogInformation("pack '{Folder}' is complete for configuration {Hash}; nothing to do", folder, configHash[..16]);
            return new TrainingRunReport(folder, true, configHash, 0, 0, null, null);
        }

        var extractionClock = Stopwatch.StartNew();
        var caches = BackboneCaches.Open("train", backbones);
        var extraction = new FeatureExtraction(shared, options.ExtractionThreads, logger);
        var failed = new List<string>();
        failed.AddRange(await extraction.EnsureAsync("images (MobileNetV2)", corpus.ImageFiles, [caches.ImageFeatures, caches.ImageLogits], backbones.ImageAsync, cancellationToken));
        failed.AddRange(await extraction.EnsureBatchedAsync("audio (YAMNet)", corpus.AudioFiles, [caches.AudioPatches, caches.AudioScores], backbones.AudioBatchAsync, AudioBatchSize, cancellationToken));
        corpus.Exclude(failed);
        var manifest = corpus.Manifest(training);
        var (data, selection) = corpus.Assemble(caches.ImageFeatures, caches.ImageLogits, ImageClassNames(shared), caches.AudioPatches, caches.AudioScores,
            AudioSetCaptions.Load(shared), backbones.Sentences, caches.Sentences, training);
        var extractionSeconds = extractionClock.Elapsed.TotalSeconds;
        logger.LogInformation("features ready in {Seconds:F1} s: {Images} training images, {Clips} training clip entries, {Captions} distinct captions",
            extractionSeconds, data.Images.Count, data.Sounds.Count, data.Texts.Count);

        if (options.TorchThreads > 0)
        {
            torch.set_num_threads(options.TorchThreads);
        }

        torch.random.manual_seed(training.Seed);
        var device = ChooseDevice(options.Device);
        using var model = new ContrastiveModel(training.Shape, training.InitialTemperature);
        var result = new ContrastiveTrainer(training, logger).Train(model, data, selection, device);
        logger.LogInformation("trained {Steps} steps in {Seconds:F1} s on {Device}; kept step {Best}: {Score}",
            result.Steps, result.Elapsed.TotalSeconds, device.type, result.BestStep, result.Best);

        model.cpu();
        var names = ConceptNames(shared, backbones);
        var fusion = new FusionWeightSearch(logger).Choose(model, names, selection, data.Texts, data.Audio);
        var bridge = names with { ImageWeight = fusion.Image, AudioWeight = fusion.Audio };
        PackWriter.Write(folder, options, model, bridge, manifest, new TrainingRecord(configHash, RecipeVersion, training, result, extractionSeconds,
            backbones.ImageFingerprint, backbones.AudioFingerprint, backbones.TextFingerprint, device.type.ToString(), fusion));
        logger.LogInformation("wrote pack '{Folder}'", folder);

        EvaluationReport? evaluation = null;
        if (options.Evaluate)
        {
            evaluation = await new PackEvaluation(shared, options.ExtractionThreads, logger).RunAsync(folder, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "evaluation.json"), PackEvaluator.Json(evaluation), cancellationToken);
        }

        return new TrainingRunReport(folder, false, configHash, extractionSeconds, result.Elapsed.TotalSeconds, result, evaluation);
    }

    // The class names of both classifiers as the text tower's sentence encoder embeds them: "a photo of a {class}"
    // (the evaluation's prompt) and "the sound of {class}" (the training captions' AudioSet phrasing).
    private static ConceptBridge ConceptNames(SharedData shared, FrozenBackbones backbones)
    {
        var imageClasses = ImageClassNames(shared);
        var audioSet = AudioSetCaptions.Load(shared);
        var image = backbones.Sentences([.. imageClasses.Select(PackEvaluator.Prompt)]);
        var audio = backbones.Sentences([.. Enumerable.Range(0, audioSet.Names.Count).Select(i => audioSet.For(i)[0])]);
        return new ConceptBridge([.. image.SelectMany(v => v)], [.. audio.SelectMany(v => v)], 1, 1, ConceptGraphs.DefaultTopK);
    }

    private static List<string> ImageClassNames(SharedData shared) =>
        [.. File.ReadAllLines(shared.Require("models/mobilenetv2/imagenet_classes.txt")).Where(l => l.Length > 0)];

    private static torch.Device ChooseDevice(string name) => name.ToLowerInvariant() switch
    {
        "cpu" => torch.CPU,
        "cuda" => torch.cuda.is_available() ? torch.CUDA : throw new InvalidOperationException(
            "CUDA was asked for but TorchSharp has no CUDA device; build with -p:SearchEngineGpu=true on a machine with a GPU, or use --device cpu."),
        "auto" => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
        _ => throw new ArgumentException($"Unknown device '{name}'; use cpu, cuda or auto.", nameof(name)),
    };

    private static string ConfigHash(DataManifest manifest, FrozenBackbones backbones, TrainingOptions training)
    {
        var text = string.Join('\n', RecipeVersion, manifest.Hash, backbones.ImageFingerprint, backbones.AudioFingerprint,
            backbones.TextFingerprint, JsonSerializer.Serialize(training));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
