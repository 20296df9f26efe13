using SearchEngine.Training.Features;
using SearchEngine.Training.Model;
using SearchEngine.Training.Training;
using static TorchSharp.torch;

namespace SearchEngine.Training.Tests;

/// <summary>
/// Small synthetic stand-ins for cached backbone features: each item's features and its caption's sentence vector are
/// both noisy functions of one hidden code, so there is a real cross-modal alignment to learn.
/// </summary>
internal static class SyntheticData
{
    public static TrainingData Create(int images, int clips, int classes, int seed)
    {
        var random = new Random(seed);
        var codes = Enumerable.Range(0, images + classes).Select(_ => Gaussian(random, 16)).ToArray();
        var imageMap = Gaussian(random, 16 * BackboneWidths.ImageFeatures);
        var audioMap = Gaussian(random, 16 * BackboneWidths.AudioPatch);
        var sentenceMap = Gaussian(random, 16 * BackboneWidths.Sentence);

        var texts = new SentenceBank();
        var imageFeatures = new float[images * BackboneWidths.ImageFeatures];
        var imageCaptions = new List<CaptionRef[]>();
        for (var i = 0; i < images; i++)
        {
            Project(codes[i], imageMap, BackboneWidths.ImageFeatures, random).CopyTo(imageFeatures, i * BackboneWidths.ImageFeatures);
            imageCaptions.Add([new CaptionRef(texts.Add($"c{i}"), i)]);
        }

        var clipFeatures = new List<FeatureMatrix>();
        var soundCaptions = new List<CaptionRef[]>();
        for (var c = 0; c < clips; c++)
        {
            var label = c % classes;
            var patches = 1 + random.Next(4);
            var values = new float[patches * BackboneWidths.AudioPatch];
            for (var p = 0; p < patches; p++)
            {
                Project(codes[images + label], audioMap, BackboneWidths.AudioPatch, random).CopyTo(values, p * BackboneWidths.AudioPatch);
            }

            clipFeatures.Add(new FeatureMatrix(patches, BackboneWidths.AudioPatch, values));
            soundCaptions.Add([new CaptionRef(texts.Add($"c{images + label}"), label)]);
        }

        texts.Encode(
            batch => [.. batch.Select(text => Project(codes[int.Parse(text[1..], System.Globalization.CultureInfo.InvariantCulture)], sentenceMap, BackboneWidths.Sentence, random))],
            FeatureCache.Open(Path.Combine(Path.GetTempPath(), $"searchengine-synthetic-{Guid.NewGuid():N}.f16"), BackboneWidths.Sentence));
        return new TrainingData(
            tensor(imageFeatures, [images, BackboneWidths.ImageFeatures]),
            new CaptionedSet(Enumerable.Range(0, images).ToArray(), imageCaptions),
            new AudioBank(clipFeatures, maxPatches: 4),
            new CaptionedSet(Enumerable.Range(0, clips).ToArray(), soundCaptions),
            texts);
    }

    public static float[] Gaussian(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return values;
    }

    private static float[] Project(float[] code, float[] map, int width, Random random)
    {
        var output = new float[width];
        for (var j = 0; j < width; j++)
        {
            var sum = 0f;
            for (var k = 0; k < code.Length; k++)
            {
                sum += code[k] * map[k * width + j];
            }

            output[j] = sum / 4 + 0.1f * (float)(random.NextDouble() - 0.5);
        }

        return output;
    }
}
