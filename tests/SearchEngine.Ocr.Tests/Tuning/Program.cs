using System.Globalization;
using SearchEngine.Ocr.Detection;

namespace SearchEngine.Ocr.Tests.Tuning;

/// <summary>
/// The detector's tuning tool, run with <c>dotnet run -c Release --project tests/SearchEngine.Ocr.Tests -- COMMAND</c>
/// (docs/ocr.md); <c>dotnet test</c> never enters it.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["measure", var split, var count, ..]:
                DetectorMeasurement.Run(new TextLineDetector(new TextDetectionOptions()), split, Number(count), args.Length > 3 ? Number(args[3]) : 0,
                    args.Length > 4 ? Directory.CreateDirectory(args[4]).FullName : null);
                return 0;
            case ["unreached", var split, var count, var dump]:
                DetectorMeasurement.Unreached(new TextLineDetector(new TextDetectionOptions()), split, Number(count), Directory.CreateDirectory(dump).FullName);
                return 0;
            case ["time", var split, var count]:
                DetectorTiming.Run(new TextLineDetector(new TextDetectionOptions()), split, Number(count));
                return 0;
            case ["train", var trainCount, var devCount, var cache, var maxMiss]:
                ClassifierTraining.Run(Number(trainCount), Number(devCount), cache, double.Parse(maxMiss, CultureInfo.InvariantCulture));
                return 0;
            default:
                Console.Error.WriteLine("usage: measure SPLIT COUNT [VARIANT [DUMP-FOLDER]] | time SPLIT COUNT | unreached SPLIT COUNT DUMP-FOLDER | train TRAIN-COUNT DEV-COUNT CACHE-FOLDER MAX-MISS");
                return 2;
        }
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
