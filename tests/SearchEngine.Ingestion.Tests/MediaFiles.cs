using System.Diagnostics;
using SearchEngine.Testing;

namespace SearchEngine.Ingestion.Tests;

/// <summary>Real media files for the tests: made with ffmpeg, sox and espeak-ng, or copied from the shared datasets.</summary>
public static class MediaFiles
{
    public static readonly string[] FlickrImages =
    [
        "1000268201_693b08cb0e.jpg", "1001773457_577c3a7d70.jpg", "1002674143_1b742ab4b8.jpg", "1003163366_44323f5815.jpg",
    ];

    public static string Flickr(string name) => SharedFiles.Require($"datasets/flickr8k/images/{name[..2]}/{name}");

    public static string UrbanSound(string name) => SharedFiles.Require($"datasets/urbansound8k/fold1/{name}");

    public static void Ffmpeg(string output, string arguments) => Run("ffmpeg", $"-nostdin -v error -y {arguments} \"{output}\"");

    public static void Run(string tool, string arguments) => ExternalTool.Run(tool, arguments);
}
