using System.Numerics.Tensors;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Onnx;
using SearchEngine.Training.Evaluation;
using SearchEngine.Training.Export;
using SearchEngine.Training.Features;
using SearchEngine.Training.Model;

namespace SearchEngine.Training.Training;

/// <summary>The fusion weights chosen on the selection sets and what they scored there.</summary>
/// <param name="Image">Scale of an image's concept vector.</param>
/// <param name="Audio">Scale of a sound's concept vector.</param>
/// <param name="Rows">Every weight tried and its selection figure, for the training record.</param>
public sealed record FusionChoice(float Image, float Audio, IReadOnlyList<string> Rows);

/// <summary>
/// Chooses the concept bridge's weights on the selection sets only (Flickr8k dev for the image weight, the held-out
/// slice of UrbanSound8K fold 2 for the audio weight). The heads are exported once with both weights 1 and run on
/// ONNX Runtime exactly as the towers will run them; a fused vector is [learned ‖ w × concept], so each candidate
/// weight only rescales the concept part of the vectors already computed.
/// </summary>
public sealed class FusionWeightSearch(ILogger logger)
{
    /// <summary>The weights tried on each side (0 = the learned space alone).</summary>
    public static readonly float[] Candidates = [0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f, 1.5f, 2f];

    /// <summary>Runs the search for <paramref name="model"/> with the bridge's class names.</summary>
    public FusionChoice Choose(ContrastiveModel model, ConceptBridge names, SelectionSet selection, SentenceBank texts, AudioBank audio)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(audio);
        var unit = names with { ImageWeight = 1, AudioWeight = 1 };
        var dimension = model.Shape.Dimension;
        var sessions = OnnxSessionFactory.Default;
        using var imageHead = sessions.Open(HeadExporter.Image(model.Image, unit).ToBytes());
        using var audioHead = sessions.Open(HeadExporter.Audio(model.Audio, unit).ToBytes());
        using var textHead = sessions.Open(HeadExporter.Text(model.Text, unit).ToBytes());

        var images = RunImages(imageHead, selection);
        var captions = RunTexts(textHead, texts.Matrix(selection.DevCaptionIds));
        var queries = RunTexts(textHead, texts.Matrix(selection.ClassQueryIds));
        var clips = RunClips(audioHead, audio, selection);

        var rows = new List<string>();
        var imageIds = Enumerable.Range(0, images.Rows).Select(i => (long)i).ToArray();
        var bestImage = Best(w =>
        {
            var scaled = Scale(images, dimension, w);
            var t2i = RetrievalMetrics.Recall(RetrievalMetrics.FirstRelevantRanks(captions, scaled, selection.DevCaptionImages, imageIds));
            var i2t = RetrievalMetrics.Recall(RetrievalMetrics.FirstRelevantRanks(scaled, captions, imageIds, selection.DevCaptionImages));
            var score = (t2i.Mean + i2t.Mean) / 2;
            rows.Add($"image weight {w:F2}: dev t2i R@1/5/10 {t2i.R1:F1}/{t2i.R5:F1}/{t2i.R10:F1}, i2t R@1 {i2t.R1:F1}");
            return score;
        });
        var classIds = Enumerable.Range(0, queries.Rows).Select(i => (long)i).ToArray();
        var bestAudio = Best(w =>
        {
            var scaled = Scale(clips, dimension, w);
            var map = RetrievalMetrics.MeanAveragePrecision(queries, classIds, scaled, selection.HeldOutLabels);
            var p1 = RetrievalMetrics.PrecisionAtK(scaled, selection.HeldOutLabels, 1);
            rows.Add($"audio weight {w:F2}: held-out t2a mAP {map:F3}, a2a P@1 {p1:F3}");
            return (map + p1) / 2;
        });
        foreach (var row in rows)
        {
            logger.LogInformation("fusion {Row}", row);
        }

        logger.LogInformation("fusion weights chosen on the selection sets: image {Image}, audio {Audio}", bestImage, bestAudio);
        return new FusionChoice(bestImage, bestAudio, rows);
    }

    // The first weight with the best figure (ties go to the smaller weight, the learned space alone first).
    private static float Best(Func<float, double> figure)
    {
        var best = Candidates[0];
        var bestFigure = double.NegativeInfinity;
        foreach (var weight in Candidates)
        {
            var value = figure(weight);
            if (value > bestFigure + 1e-9)
            {
                best = weight;
                bestFigure = value;
            }
        }

        return best;
    }

    // [learned ‖ concept] rows → [learned ‖ w × concept], renormalized as the towers do.
    private static FeatureMatrix Scale(FeatureMatrix vectors, int learned, float weight)
    {
        var values = (float[])vectors.Values.Clone();
        for (var r = 0; r < vectors.Rows; r++)
        {
            var row = values.AsSpan(r * vectors.Width, vectors.Width);
            TensorPrimitives.Multiply(row[learned..], weight, row[learned..]);
            VectorNormalization.ToUnit(row).CopyTo(row);
        }

        return new FeatureMatrix(vectors.Rows, vectors.Width, values);
    }

    private static FeatureMatrix RunImages(InferenceSession head, SelectionSet selection)
    {
        using var cpu = selection.DevImages.cpu().contiguous();
        var features = cpu.data<float>().ToArray();
        var rows = selection.DevLogits.Rows;
        using var featureValue = OrtValue.CreateTensorValueFromMemory(features, [rows, BackboneWidths.ImageFeatures]);
        using var logitValue = OrtValue.CreateTensorValueFromMemory(selection.DevLogits.Values, [rows, BackboneWidths.ImageClasses]);
        using var runOptions = new RunOptions();
        using var output = head.Run(runOptions, [HeadContract.Features, HeadContract.Logits], [featureValue, logitValue], [HeadContract.Embedding]);
        return Matrix(output[0], rows);
    }

    private static FeatureMatrix RunTexts(InferenceSession head, FeatureMatrix sentences)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(sentences.Values, [sentences.Rows, sentences.Width]);
        using var runOptions = new RunOptions();
        using var output = head.Run(runOptions, [HeadContract.Sentence], [input], [HeadContract.Embedding]);
        return Matrix(output[0], sentences.Rows);
    }

    // Each held-out clip as the training selection sees it (its first window of patches), its clip-level scores on
    // every patch: the masked mean over the window is then the clip's mean, the concept the clip's.
    private static FeatureMatrix RunClips(InferenceSession head, AudioBank audio, SelectionSet selection)
    {
        var (patches, mask) = audio.Batch(selection.HeldOutClips);
        using (patches)
        using (mask)
        {
            var count = (int)patches.shape[0];
            var length = (int)patches.shape[1];
            var scores = new float[count * length * BackboneWidths.AudioClasses];
            for (var c = 0; c < count; c++)
            {
                for (var p = 0; p < length; p++)
                {
                    selection.HeldOutScores.Row(c).CopyTo(scores.AsSpan((c * length + p) * BackboneWidths.AudioClasses));
                }
            }

            using var patchValue = OrtValue.CreateTensorValueFromMemory(patches.contiguous().data<float>().ToArray(), [count, length, BackboneWidths.AudioPatch]);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(mask.contiguous().data<float>().ToArray(), [count, length]);
            using var scoreValue = OrtValue.CreateTensorValueFromMemory(scores, [count, length, BackboneWidths.AudioClasses]);
            using var runOptions = new RunOptions();
            using var output = head.Run(runOptions, [HeadContract.Patches, HeadContract.Mask, HeadContract.Scores], [patchValue, maskValue, scoreValue], [HeadContract.Embedding]);
            return Matrix(output[0], count);
        }
    }

    private static FeatureMatrix Matrix(OrtValue value, int rows)
    {
        var data = value.GetTensorDataAsSpan<float>().ToArray();
        return new FeatureMatrix(rows, data.Length / rows, data);
    }
}
