namespace SearchEngine.Ocr.Detection;

/// <summary>
/// Whether a chain of glyphs is a line of text: logistic regression over its <see cref="LineFeatures"/> and their
/// squares (a feature such as the stroke's share of the glyph size is telling at both ends).
/// </summary>
/// <remarks>
/// The weights were fitted by the tuning tool (<c>dotnet run -c Release --project tests/SearchEngine.Ocr.Tests --
/// train 3000 1000 CACHE 0.015</c>, docs/ocr.md) on the candidate lines of 3 000
/// Flickr8k train photos, each seen as it is (its lines are the negatives) and with a generated line of text (its
/// lines on the text are the positives). The classes weigh the same; after a first fit only each text scene's
/// best-scoring text line is kept as a positive and the model fitted again, because a picture is read when any one of
/// its lines passes, and a text's weaker duplicates (the other ink, the other direction) only blur the boundary.
/// The threshold (<see cref="TextDetectionOptions.MinLineScore"/>) was then chosen on 1 000 dev photos.
/// Refit whenever a feature or the chaining changes: the weights are only valid for the inputs they were fitted on.
/// </remarks>
internal static class TextLineClassifier
{
    /// <summary>How many inputs <see cref="Inputs"/> writes.</summary>
    public const int InputCount = 33;

    private const double Bias = -2.4700425907024437;

    private static readonly double[] Weights =
    [
        1.5621546770172592, -0.9970030859851415, 5.1471333796499135, -1.6179898827475274,
        -5.578112987322508, -3.858162014770233, -3.018215087417905, -0.816916314536676,
        1.6350686727321464, 0.31610413924321257, -8.00651740902374, 1.072250640174408,
        -0.12488271118408106, -17.299064726133114, 2.971155170526061, 3.4849884552399795,
        2.6952719920630233, 0.28832633047035094, -0.23876800028008077, 4.417330081284789,
        3.135759431038613, 4.197629688536253, 0.15115126912792037, -0.9841817111416444,
        1.082890511778743, -0.13889359312068483, -0.15090910785571343, -6.222491344076156,
        -0.23371120911147372, -0.14083479511536764, 6.614473870315517, 1.4431939778085068,
        0.4494498052411861,
    ];

    /// <summary>The probability (0–1) that <paramref name="features"/> are those of a text line.</summary>
    public static double Score(in LineFeatures features)
    {
        Span<double> x = stackalloc double[InputCount];
        Inputs(features, x);
        var z = Bias;
        for (var i = 0; i < InputCount; i++)
        {
            z += Weights[i] * x[i];
        }

        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>The model's inputs: counts and ratios on a log scale, where their effect is closer to linear, then the squares of the first sixteen.</summary>
    public static void Inputs(in LineFeatures f, Span<double> x)
    {
        x[0] = Math.Log(f.Glyphs);
        x[1] = Math.Log(f.Size);
        x[2] = f.Depth / 100;
        x[3] = f.StrokeVariation;
        x[4] = f.InkSpread / 50;
        x[5] = f.CentreSpread;
        x[6] = f.EdgeSpread;
        x[7] = f.SizeSpread;
        x[8] = f.Fill;
        x[9] = Math.Log(f.Length);
        x[10] = f.StrokeShare;
        x[11] = f.GapVariation;
        x[12] = Math.Log(1 + f.Clutter);
        x[13] = f.InkNoise / 50;
        x[14] = f.BackgroundNoise / 50;
        x[15] = f.Contrast / 100;
        x[16] = Math.Log((f.Contrast + 1) / (f.BackgroundNoise + f.InkNoise + 1));
        for (var i = 0; i < 16; i++)
        {
            x[17 + i] = x[i] * x[i];
        }
    }
}
