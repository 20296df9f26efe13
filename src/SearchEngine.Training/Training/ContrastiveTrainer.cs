using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SearchEngine.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SearchEngine.Training.Training;

/// <summary>What a training run reached.</summary>
/// <param name="Steps">Optimiser steps taken.</param>
/// <param name="BestStep">The step whose weights were kept.</param>
/// <param name="Best">The selection score of the kept weights (null when no selection set was given).</param>
/// <param name="FirstLoss">Loss of the first step.</param>
/// <param name="LastLoss">Mean loss of the last evaluation interval.</param>
/// <param name="Temperature">Learned temperature of the kept weights.</param>
/// <param name="Elapsed">Wall time of the loop.</param>
public sealed record TrainingResult(int Steps, int BestStep, SelectionScore? Best, double FirstLoss, double LastLoss, float Temperature, TimeSpan Elapsed);

/// <summary>The training data of one run: cached backbone features and captions, already on the CPU.</summary>
/// <param name="ImageFeatures">Training image features [M, 1280].</param>
/// <param name="Images">Captions and groups of those images.</param>
/// <param name="Audio">Patch embeddings of every clip (training and held-out).</param>
/// <param name="Sounds">The training clips of <paramref name="Audio"/> with their captions.</param>
/// <param name="Texts">Every caption's sentence vector.</param>
public sealed record TrainingData(Tensor ImageFeatures, CaptionedSet Images, AudioBank Audio, CaptionedSet Sounds, SentenceBank Texts);

/// <summary>
/// Trains the heads with the symmetric InfoNCE loss: each step one image–text batch and one audio–text batch share the
/// text head (text is the anchor between the two), AdamW with warm-up and cosine decay, early stopping on the
/// selection score, and the best weights restored at the end.
/// </summary>
public sealed class ContrastiveTrainer(TrainingOptions options, ILogger logger)
{
    /// <summary>Trains <paramref name="model"/> in place on <paramref name="data"/>.</summary>
    public TrainingResult Train(ContrastiveModel model, TrainingData data, SelectionSet? selection, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        model.to(device);
        model.train();
        using var optimizer = optim.AdamW(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        var imageFeatures = data.ImageFeatures.to(device);
        if (model.Shape.StandardizeImageFeatures)
        {
            model.Image.Standardize(imageFeatures);
        }

        if (model.Shape.StandardizeSentences)
        {
            var trainingCaptions = data.Images.Captions.Concat(data.Sounds.Captions).SelectMany(c => c).Select(c => c.Id).Distinct().ToList();
            using var sentences = data.Texts.Batch(trainingCaptions);
            model.Text.Standardize(sentences.to(device));
        }

        var imagePairs = options.EveryCaptionPerEpoch ? new PairSchedule(data.Images, random) : null;

        Dictionary<string, Tensor>? best = null;
        SelectionScore? bestScore = null;
        int bestStep = 0, sinceBest = 0, step = 0;
        double firstLoss = double.NaN, intervalLoss = 0, lastLoss = double.NaN;
        var intervalSteps = 0;
        while (step < options.MaxSteps)
        {
            step++;
            SetLearningRate(optimizer, step);
            using (var scope = NewDisposeScope())
            {
                optimizer.zero_grad();
                var loss = ImageTextLoss(model, data, imageFeatures, imagePairs, random, device);
                if (options.AudioLossWeight > 0 && data.Sounds.Count > 0)
                {
                    loss += AudioTextLoss(model, data, random, device) * options.AudioLossWeight;
                }

                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                optimizer.step();
                var value = loss.item<float>();
                if (double.IsNaN(firstLoss))
                {
                    firstLoss = value;
                }

                intervalLoss += value;
                intervalSteps++;
            }

            if (step % options.EvaluateEvery != 0 && step != options.MaxSteps)
            {
                continue;
            }

            lastLoss = intervalLoss / intervalSteps;
            intervalLoss = 0;
            intervalSteps = 0;
            if (selection is null)
            {
                logger.LogInformation("step {Step}: loss {Loss:F4}, temperature {Temperature:F4}", step, lastLoss, model.Temperature);
                continue;
            }

            var score = selection.Measure(model, data.Texts, data.Audio, device);
            logger.LogInformation("step {Step} ({Seconds:F0} s): loss {Loss:F4}, temperature {Temperature:F4}, {Score}", step, clock.Elapsed.TotalSeconds, lastLoss, model.Temperature, score);
            if (bestScore is null || score.Score > bestScore.Score)
            {
                DisposeAll(best);
                best = Snapshot(model);
                bestScore = score;
                bestStep = step;
                sinceBest = 0;
            }
            else if (++sinceBest >= options.Patience && step < options.MaxSteps)
            {
                logger.LogInformation("early stop at step {Step}: no better selection score for {Patience} evaluations", step, options.Patience);
                break;
            }
        }

        if (best is not null)
        {
            model.load_state_dict(best);
            DisposeAll(best);
        }
        else
        {
            bestStep = step;
        }

        model.eval();
        return new TrainingResult(step, bestStep, bestScore, firstLoss, lastLoss, model.Temperature, clock.Elapsed);
    }

    private Tensor ImageTextLoss(ContrastiveModel model, TrainingData data, Tensor imageFeatures, PairSchedule? pairs, Random random, Device device)
    {
        int[] entries;
        List<CaptionRef> captions;
        if (pairs is null)
        {
            entries = Sample(data.Images.Count, random);
            captions = [.. entries.Select(e => Pick(data.Images.Captions[e], random))];
        }
        else
        {
            var batch = pairs.Next(options.BatchSize);
            entries = [.. batch.Select(p => p.Entry)];
            captions = [.. batch.Select(p => data.Images.Captions[p.Entry][p.Caption])];
        }

        using var index = tensor(entries.Select(e => (long)data.Images.Items[e]).ToArray()).to(device);
        var images = model.Image.forward(imageFeatures.index_select(0, index));
        var texts = EncodeTexts(model, data, captions, device);
        var groups = tensor(captions.Select(c => c.Group).ToArray()).to(device);
        return ContrastiveLoss.Compute(images, texts, groups, model.LogitScale(), options.HardNegativeWeight, options.HardNegativeMargin);
    }

    private Tensor AudioTextLoss(ContrastiveModel model, TrainingData data, Random random, Device device)
    {
        var entries = Sample(data.Sounds.Count, random);
        var captions = entries.Select(e => Pick(data.Sounds.Captions[e], random)).ToList();
        var (patches, patchMask) = data.Audio.Batch(entries.Select(e => data.Sounds.Items[e]).ToList(), options.PatchDropout, random);
        var clips = model.Audio.forward(patches.to(device), patchMask.to(device));
        var texts = EncodeTexts(model, data, captions, device);
        var groups = tensor(captions.Select(c => c.Group).ToArray()).to(device);
        return ContrastiveLoss.Compute(clips, texts, groups, model.LogitScale());
    }

    private static Tensor EncodeTexts(ContrastiveModel model, TrainingData data, IReadOnlyList<CaptionRef> captions, Device device) =>
        model.Text.forward(data.Texts.Batch([.. captions.Select(c => c.Id)]).to(device));

    private int[] Sample(int count, Random random)
    {
        var size = Math.Min(options.BatchSize, count);
        var indices = Enumerable.Range(0, count).ToArray();
        random.Shuffle(indices);
        return indices[..size];
    }

    private static CaptionRef Pick(CaptionRef[] choices, Random random) => choices[random.Next(choices.Length)];

    private void SetLearningRate(optim.Optimizer optimizer, int step)
    {
        var rate = step <= options.WarmupSteps
            ? options.LearningRate * step / options.WarmupSteps
            : options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (step - options.WarmupSteps) / Math.Max(1, options.MaxSteps - options.WarmupSteps)));
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }
    }

    private static Dictionary<string, Tensor> Snapshot(ContrastiveModel model) =>
        model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null)
        {
            return;
        }

        foreach (var tensor in tensors.Values)
        {
            tensor.Dispose();
        }
    }
}
