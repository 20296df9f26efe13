using System.Diagnostics;
using SearchEngine.Core.Media;
using SearchEngine.Ocr.Detection;

namespace SearchEngine.Ocr.Tests.Tuning;

/// <summary>
/// The detector's time a 640×480 picture on one thread, apart from decoding and drawing: the pictures are made first,
/// the detector warmed up, and the fastest of a few rounds kept, since a busy machine only ever adds time.
/// </summary>
internal static class DetectorTiming
{
    public static void Run(TextLineDetector detector, string split, int count)
    {
        var photos = FlickrPhotos.Split(split).Take(count).ToArray();
        var pictures = new List<RgbImage>();
        for (var i = 0; i < photos.Length; i++)
        {
            using (var surface = FlickrPhotos.Open(photos[i]))
            {
                pictures.Add(SignPicture.ToRgb(surface));
            }

            pictures.Add(TextSceneGenerator.Draw(photos[i], DetectorMeasurement.Seed(split, i)).Image);
        }

        foreach (var picture in pictures.Take(20))
        {
            detector.Detect(picture);
        }

        var rounds = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var picture in pictures)
            {
                detector.Detect(picture);
            }

            rounds.Add(clock.Elapsed.TotalMilliseconds / pictures.Count);
        }

        Console.WriteLine($"{pictures.Count} pictures ({split}, half with text), one thread: {rounds.Min():F1} ms a picture at best, "
            + $"{rounds.Order().ElementAt(rounds.Count / 2):F1} ms median of {rounds.Count} rounds");
    }
}
