using System.Diagnostics;
using SearchEngine.Testing;

namespace SearchEngine.Testing.Sites;

/// <summary>
/// A small real corpus in a temporary folder, made from files in the shared folder: Flickr8k test images of distinct
/// subjects with a caption sidecar, UrbanSound8K fold-1 clips of distinct classes, a video whose picture is a dog photo
/// and whose sound track has a dog barking from second 4 to 8, and plain text documents. Held-out data only.
/// </summary>
public sealed class SampleCorpus : IDisposable
{
    public const string DogImage = "dog.jpg";
    public const string BeachImage = "beach.jpg";
    public const string BikeImage = "bike.jpg";
    public const string DogBark = "dog_bark.ogg";
    public const string Siren = "siren.ogg";
    public const string Drilling = "drilling.ogg";
    public const string Video = "dog_video.mp4";
    public const double BarkStart = 4.0;
    public const double BarkEnd = 8.0;

    public SampleCorpus()
    {
        Folder = Directory.CreateTempSubdirectory("searchengine-corpus-").FullName;
        CopyFlickr(DogImage, "dog", "A black dog runs across the green grass .");
        CopyFlickr(BeachImage, "surf", "A surfer rides a wave in the ocean .");
        CopyFlickr(BikeImage, "bike", "A man rides a bicycle down a dirt road .");
        CopyFlickr("snow.jpg", "snow", "A person skiing down a snowy mountain .");
        CopyUrbanSound(DogBark, "dog_bark");
        CopyUrbanSound(Siren, "siren");
        CopyUrbanSound(Drilling, "drilling");
        CopyUrbanSound("engine.ogg", "engine_idling");
        MakeVideo();
        File.WriteAllText(Path.Combine(Folder, "cake.txt"), "How to bake a chocolate cake: melt the chocolate with butter, whisk in eggs and sugar, fold in flour and bake for thirty minutes.");
        File.WriteAllText(Path.Combine(Folder, "dogs.txt"), "Dogs are loyal pets. A dog needs a daily walk in the park, and most dogs love to run and fetch a ball on the grass.");
        File.WriteAllText(Path.Combine(Folder, "traffic.txt"), "Rush hour traffic: cars, buses and an ambulance siren on the busy city street.");
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Seconds <paramref name="start"/>..<paramref name="end"/> of the video's sound track as a WAV file (a query clip).</summary>
    public string ExtractVideoAudio(double start, double end)
    {
        var output = PathOf($"excerpt-{start}-{end}.wav");
        Ffmpeg($"-ss {start} -to {end} -i \"{PathOf(Video)}\" -vn -ac 1 -ar 16000 \"{output}\"");
        return output;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private void CopyFlickr(string name, string keyword, string caption)
    {
        var source = FlickrTestImage(keyword);
        File.Copy(source, PathOf(name));
        File.WriteAllText(PathOf(Path.ChangeExtension(name, ".txt")), caption);
    }

    private void CopyUrbanSound(string name, string className)
    {
        // The first fold-1 clip of the class, converted so the test also exercises Ogg/Opus → audio decoding.
        var labels = File.ReadAllLines(SharedFiles.Require("datasets/urbansound8k/labels.tsv")).Skip(1)
            .Select(l => l.Split('\t')).First(f => f[1] == "1" && f[3] == className);
        File.Copy(SharedFiles.Require($"datasets/urbansound8k/{labels[0]}"), PathOf(name));
    }

    private void MakeVideo()
    {
        // 12 s: a dog photo as the picture; sound = 4 s of low noise, a 4 s dog-bark clip, 4 s of low noise.
        var bark = SharedFiles.Require("datasets/urbansound8k/" + File.ReadAllLines(SharedFiles.Require("datasets/urbansound8k/labels.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(f => f[1] == "1" && f[3] == "dog_bark").Skip(1).First()[0]);
        Ffmpeg($"-loop 1 -t 12 -i \"{PathOf(DogImage)}\" -f lavfi -t 4 -i \"anoisesrc=a=0.01:r=16000\" -i \"{bark}\" -f lavfi -t 4 -i \"anoisesrc=a=0.01:r=16000\" " +
               "-filter_complex \"[2:a]atrim=0:4,aresample=16000,asetpts=PTS-STARTPTS[b];[1:a][b][3:a]concat=n=3:v=0:a=1[a]\" " +
               $"-map 0:v -map \"[a]\" -c:v libx264 -pix_fmt yuv420p -r 10 -c:a aac -shortest \"{PathOf(Video)}\"");
    }

    private static readonly string[] Subjects = ["dog", "surf", "bike", "snow"];

    /// <summary>A test-split image whose captions (at least 4 of 5) name <paramref name="keyword"/> and none names another subject.</summary>
    private static string FlickrTestImage(string keyword)
    {
        var test = File.ReadAllLines(SharedFiles.Require("datasets/flickr8k/splits/test.txt")).ToHashSet();
        var captions = File.ReadAllLines(SharedFiles.Require("datasets/flickr8k/captions.tsv")).Skip(1).Select(l => l.Split('\t'));
        static bool Names(string caption, string word) => caption.Contains($" {word}", StringComparison.OrdinalIgnoreCase);
        var image = captions
            .Where(c => test.Contains(c[0]))
            .GroupBy(c => c[0])
            .Order(Comparer<IGrouping<string, string[]>>.Create((a, b) => string.CompareOrdinal(a.Key, b.Key)))
            .First(g => g.Count(c => Names(c[2], keyword)) >= 4
                        && !g.Any(c => Subjects.Where(s => s != keyword).Any(s => Names(c[2], s)))).Key;
        return SharedFiles.Require($"datasets/flickr8k/images/{image[..2]}/{image}");
    }

    private static void Ffmpeg(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", "-nostdin -y -v error " + arguments) { RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("ffmpeg could not be started (apt-get install ffmpeg).");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {arguments} failed: {errors}");
        }
    }
}
