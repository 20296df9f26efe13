using SearchEngine.Core;

namespace SearchEngine.Ingestion.Tests;

/// <summary>
/// A folder of mixed real media, made once per test class: images (with a .txt and a .json sidecar) and an SVG picture,
/// audio (sox tone, espeak-ng speech, an UrbanSound8K clip), a video with sound, a text file and a subtitle file, and
/// corrupt files.
/// </summary>
public sealed class MixedFolder : IDisposable
{
    public MixedFolder()
    {
        Root = Directory.CreateTempSubdirectory("searchengine-ingest-mixed-").FullName;
        var photos = Directory.CreateDirectory(Path.Combine(Root, "photos")).FullName;
        var sounds = Directory.CreateDirectory(Path.Combine(Root, "sounds")).FullName;
        Directory.CreateDirectory(Path.Combine(sounds, "nested"));
        var docs = Directory.CreateDirectory(Path.Combine(Root, "docs")).FullName;

        File.Copy(MediaFiles.Flickr(MediaFiles.FlickrImages[0]), Path.Combine(photos, "child.jpg"));
        File.WriteAllText(Path.Combine(photos, "child.txt"), "A child in a pink dress climbing stairs\n");
        File.Copy(MediaFiles.Flickr(MediaFiles.FlickrImages[1]), Path.Combine(photos, "dogs.jpg"));
        File.WriteAllText(Path.Combine(photos, "dogs.json"), """{"title": "Two dogs", "caption": "Two dogs play on the road", "photographer": "ann", "year": 2012}""");
        // A PNG whose name says JPEG: recognised by content.
        MediaFiles.Ffmpeg(Path.Combine(photos, "pattern.jpeg"), "-f lavfi -i testsrc=size=160x120 -frames:v 1 -c:v png -f image2");
        // An SVG picture: an image drawn from its XML, not a text document.
        File.WriteAllText(Path.Combine(photos, "sun.svg"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="40" fill="#ffcc00"/></svg>
            """);

        MediaFiles.Run("sox", $"-n -r 16000 -c 1 \"{Path.Combine(sounds, "tone.wav")}\" synth 2.5 sine 440");
        MediaFiles.Run("espeak-ng", $"-w \"{Path.Combine(sounds, "nested", "speech.wav")}\" \"the quick brown fox jumps over the lazy dog\"");
        File.Copy(MediaFiles.UrbanSound("101415-3-0-2.opus"), Path.Combine(sounds, "bark.opus"));

        MediaFiles.Ffmpeg(Path.Combine(Root, "clip.mp4"),
            "-f lavfi -i testsrc=size=320x240:rate=25:duration=3 -f lavfi -i sine=frequency=660:duration=3 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest");

        File.WriteAllText(Path.Combine(docs, "notes.txt"), "A dog runs along the beach at sunset.\n");
        File.WriteAllText(Path.Combine(docs, "talk.srt"), "1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n2\n00:00:03,000 --> 00:00:04,000\nA dog barks.\n");

        // Corrupt inputs: a JPEG cut short, random bytes named .jpg, and an empty file.
        var jpeg = File.ReadAllBytes(MediaFiles.Flickr(MediaFiles.FlickrImages[2]));
        File.WriteAllBytes(Path.Combine(Root, "truncated.jpg"), jpeg[..600]);
        var noise = new byte[4096];
        new Random(3).NextBytes(noise);
        File.WriteAllBytes(Path.Combine(Root, "noise.jpg"), noise);
        File.WriteAllBytes(Path.Combine(Root, "empty.wav"), []);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The files that index, by path, with their modality.</summary>
    public IReadOnlyDictionary<string, Modality> Good => new Dictionary<string, Modality>
    {
        [PathOf("photos/child.jpg")] = Modality.Image,
        [PathOf("photos/dogs.jpg")] = Modality.Image,
        [PathOf("photos/pattern.jpeg")] = Modality.Image,
        [PathOf("photos/sun.svg")] = Modality.Image,
        [PathOf("sounds/tone.wav")] = Modality.Audio,
        [PathOf("sounds/nested/speech.wav")] = Modality.Audio,
        [PathOf("sounds/bark.opus")] = Modality.Audio,
        [PathOf("clip.mp4")] = Modality.Video,
        [PathOf("docs/notes.txt")] = Modality.Text,
        [PathOf("docs/talk.srt")] = Modality.Text,
    };

    /// <summary>The files that fail.</summary>
    public IReadOnlyList<string> Bad => [PathOf("truncated.jpg"), PathOf("noise.jpg"), PathOf("empty.wav")];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
