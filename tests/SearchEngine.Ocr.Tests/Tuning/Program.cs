using SearchEngine.Ocr.Detection;

namespace SearchEngine.Ocr.Tests.Tuning;

/// <summary>
/// The detector's tuning tool, run with <c>dotnet run -c Release --project tests/SearchEngine.Ocr.Tests -- COMMAND</c>
/// (docs/ocr-groundwork.md); <c>dotnet test</c> never enters it.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["measure", var split, var count, ..]:
                DetectorMeasurement.Run(new TextLineDetector(new TextDetectionOptions()), split, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), args.Length > 3 ? Directory.CreateDirectory(args[3]).FullName : null);
                return 0;
            default:
                Console.Error.WriteLine("usage: measure SPLIT COUNT [DUMP-FOLDER]");
                return 2;
        }
    }
}
