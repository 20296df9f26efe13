using System.CommandLine;
using Microsoft.Extensions.Logging;
using SearchEngine.Core;
using SearchEngine.Training;
using SearchEngine.Training.Evaluation;
using SearchEngine.Training.Training;

namespace SearchEngine.Indexer.Commands;

/// <summary>
/// <c>train</c>: builds the offline model pack (features, heads, ONNX export, evaluation) into the cache, skipping
/// the work when a complete pack of the same configuration exists. <c>eval</c>: evaluates a pack on the held-out sets,
/// prints a table and, as its last line, the JSON report.
/// </summary>
internal static class TrainCommands
{
    public static Command Train(ILoggerFactory logging)
    {
        var packFolder = new Option<string?>("--pack-folder") { Description = "Where to write the pack (default: <cache>/packs/offline-<version>)." };
        var force = new Option<bool>("--force") { Description = "Retrain even when a complete pack with the same configuration exists." };
        var device = new Option<string>("--device") { Description = "cpu, cuda or auto.", DefaultValueFactory = _ => "auto" };
        var threads = new Option<int>("--threads") { Description = "Feature extraction threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Upper bound on optimiser steps." };
        var seed = new Option<int?>("--seed") { Description = "Random seed." };
        var noEval = new Option<bool>("--no-eval") { Description = "Skip the held-out evaluation after training." };
        var torchThreads = new Option<int>("--torch-threads") { Description = "TorchSharp CPU threads for training (0 = one per core; one is robust on a busy machine).", DefaultValueFactory = _ => new TrainingPipelineOptions().TorchThreads };
        var recipe = new Option<string?>("--recipe") { Description = "JSON file of training options (TrainingOptions property names) that replace the defaults, for experiments; --max-steps and --seed still win." };
        var command = new Command("train", "Train the offline pack's heads on frozen MobileNetV2/YAMNet/GloVe features and write the pack.")
        {
            packFolder, force, device, threads, maxSteps, seed, noEval, torchThreads, recipe,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var defaults = parse.GetValue(recipe) is { } recipePath ? ReadRecipe(recipePath) : new TrainingOptions();
            var options = new TrainingPipelineOptions
            {
                PackFolder = parse.GetValue(packFolder),
                Force = parse.GetValue(force),
                Device = parse.GetValue(device)!,
                ExtractionThreads = Math.Max(1, parse.GetValue(threads)),
                TorchThreads = Math.Max(0, parse.GetValue(torchThreads)),
                Evaluate = !parse.GetValue(noEval),
                Training = defaults with
                {
                    MaxSteps = parse.GetValue(maxSteps) ?? defaults.MaxSteps,
                    Seed = parse.GetValue(seed) ?? defaults.Seed,
                },
            };
            var report = await new TrainingPipeline(logging.CreateLogger<TrainingPipeline>()).RunAsync(options, cancellationToken);
            System.Console.WriteLine(report.Skipped
                ? $"pack up to date: {report.PackFolder}"
                : $"pack written: {report.PackFolder} (extraction {report.ExtractionSeconds:F1} s, training {report.TrainingSeconds:F1} s)");
            if (report.Evaluation is { } evaluation)
            {
                System.Console.WriteLine(PackEvaluator.Table(evaluation));
                System.Console.WriteLine(PackEvaluator.Json(evaluation));
            }

            return 0;
        });
        return command;
    }

    // Properties the file leaves out keep their defaults (TrainingOptions and HeadShape initialise every property).
    private static TrainingOptions ReadRecipe(string path)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<TrainingOptions>(File.ReadAllText(path), RecipeJson)
                ?? throw new InvalidDataException($"Recipe '{path}' is empty.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"Recipe '{path}' is not valid training-options JSON: {e.Message}", e);
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions RecipeJson = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static Command Eval(ILoggerFactory logging)
    {
        var pack = new Option<string?>("--pack") { Description = "The pack folder (default: <cache>/packs/offline-1)." };
        var output = new Option<string?>("--output") { Description = "Also write the JSON report to this file." };
        var threads = new Option<int>("--threads") { Description = "Decoding threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("eval", "Evaluate a model pack on Flickr8k test, UrbanSound8K fold 1 and zero-shot ImageNet labels.")
        {
            pack, output, threads,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(pack) ?? new TrainingPipelineOptions().DefaultPackFolder;
            if (!File.Exists(Path.Combine(folder, "pack.json")))
            {
                System.Console.Error.WriteLine($"No model pack at '{folder}' (pack.json missing). Build it with 'searchengine-indexer train' or pass --pack.");
                return 2;
            }

            var logger = logging.CreateLogger("eval");
            var report = await new PackEvaluation(SharedData.Default, Math.Max(1, parse.GetValue(threads)), logger).RunAsync(folder, cancellationToken);
            var json = PackEvaluator.Json(report);
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, json, cancellationToken);
            }

            System.Console.WriteLine(PackEvaluator.Table(report));
            System.Console.WriteLine(json);
            return 0;
        });
        return command;
    }
}
