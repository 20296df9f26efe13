using SearchEngine.Core;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>
/// The corpus of long recordings ("videos") the fingerprint benchmark indexes and cuts queries from, built once per
/// <see cref="CorpusSize"/> into a cache folder and read back from its <c>recordings.tsv</c> afterwards. Sources:
/// synthetic speech (espeak-ng, varied voices, speeds and pitch) as MP4 videos with a test-pattern picture;
/// UrbanSound8K fold 2 (never fold 1, the held-out evaluation fold) as Ogg Opus, whole field recordings (fsID) kept on
/// one side of the indexed/held-out split; FSDD spoken digits as FLAC, the train split indexed and the test split held
/// out (the same six speakers saying the same digits: hard negatives). Held-out recordings are never indexed.
/// </summary>
internal sealed class FingerprintCorpus
{
    public const int MasterRate = 22050;
    private const int Seed = 14;

    private FingerprintCorpus(string folder, IReadOnlyList<CorpusRecording> recordings)
    {
        Folder = folder;
        Recordings = recordings;
    }

    public string Folder { get; }

    public IReadOnlyList<CorpusRecording> Recordings { get; }

    /// <summary>Talkers mixed into one bed, for the babble-noise conditions; none of them is indexed.</summary>
    public string BabblePath => Path.Combine(Folder, "babble.wav");

    public IEnumerable<CorpusRecording> Indexed => Recordings.Where(r => r.Indexed);

    public IEnumerable<CorpusRecording> HeldOut => Recordings.Where(r => !r.Indexed);

    public static FingerprintCorpus Open(string cacheRoot, CorpusSize size)
    {
        var folder = Path.Combine(cacheRoot, size.Name);
        var manifest = Path.Combine(folder, "recordings.tsv");
        if (!File.Exists(manifest))
        {
            Directory.CreateDirectory(folder);
            var recordings = Build(folder, size);
            File.WriteAllLines(manifest + ".part", ["id\tsource\tmaster\tdocument\tseconds", .. recordings.Select(r => r.ToLine())]);
            File.Move(manifest + ".part", manifest, overwrite: true);
        }

        return new FingerprintCorpus(folder, File.ReadLines(manifest).Skip(1).Select(CorpusRecording.FromLine).ToList());
    }

    private static List<CorpusRecording> Build(string folder, CorpusSize size)
    {
        Console.Error.WriteLine($"[fingerprint] building the {size.Name} corpus in {folder} (cached for later runs)");
        var plans = new List<(string Source, bool Indexed, Func<float[]> Sound)>();
        var speech = new SpeechScript(Seed);
        for (var d = 0; d < size.SpeechDocuments + size.SpeechHeldOut; d++)
        {
            var paragraphs = SpeechParagraphs(speech, size.SpeechDocumentSeconds);
            plans.Add(("speech", d < size.SpeechDocuments, () => Speak(folder, paragraphs)));
        }

        var (urbanIndexed, urbanHeldOut) = UrbanSoundSplit(size.UrbanClips);
        foreach (var chunk in urbanIndexed.Chunk(45))
        {
            plans.Add(("urbansound8k", true, () => DecodeJoined(folder, chunk)));
        }

        foreach (var chunk in urbanHeldOut.Chunk(45))
        {
            plans.Add(("urbansound8k", false, () => DecodeJoined(folder, chunk)));
        }

        var (fsddTrain, fsddTest) = FsddSplit(size.FsddRecordings);
        foreach (var chunk in fsddTrain.Chunk(250))
        {
            plans.Add(("fsdd", true, () => DecodeJoined(folder, chunk)));
        }

        foreach (var chunk in fsddTest.Chunk(250))
        {
            plans.Add(("fsdd", false, () => DecodeJoined(folder, chunk)));
        }

        var recordings = new CorpusRecording[plans.Count];
        Parallel.For(0, plans.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var (source, indexed, sound) = plans[i];
            var samples = sound();
            var master = Path.Combine(folder, $"{i:D4}-{source}.wav");
            MonoWave.Write(master, samples, MasterRate);
            var document = indexed ? MakeDocument(master, source) : null;
            recordings[i] = new CorpusRecording(i, source, master, document, samples.Length / (double)MasterRate);
        });

        MakeBabble(folder, size.BabbleSeconds);
        return [.. recordings];
    }

    private static List<SpokenParagraph> SpeechParagraphs(SpeechScript script, double seconds)
    {
        // About 2.6 words a second at the voices' speeds; the exact length is whatever the paragraphs come to.
        var paragraphs = new List<SpokenParagraph>();
        var words = 0.0;
        while (words / 2.6 < seconds)
        {
            var paragraph = script.Next();
            paragraphs.Add(paragraph);
            words += paragraph.Text.Split(' ').Length;
        }

        return paragraphs;
    }

    private static float[] Speak(string folder, List<SpokenParagraph> paragraphs)
    {
        var sound = new List<float>();
        var temporary = Path.Combine(folder, $"speak-{Guid.NewGuid():N}.wav");
        var pauses = new Random(paragraphs.Count * 7919 + paragraphs[0].Pitch);
        try
        {
            foreach (var paragraph in paragraphs)
            {
                MediaCommand.Run("espeak-ng", paragraph.EspeakArguments(temporary));
                var (samples, rate) = MonoWave.Read(temporary);
                if (rate != MasterRate)
                {
                    throw new InvalidDataException($"espeak-ng wrote {rate} Hz; expected {MasterRate}");
                }

                sound.AddRange(samples);
                sound.AddRange(new float[(int)(MasterRate * (0.2 + 0.5 * pauses.NextDouble()))]);
            }
        }
        finally
        {
            File.Delete(temporary);
        }

        return [.. sound];
    }

    private static (string[] Indexed, string[] HeldOut) UrbanSoundSplit(int limit)
    {
        var labels = SharedData.Default.Require("datasets/urbansound8k/labels.tsv");
        var root = Path.GetDirectoryName(labels)!;
        var clips = File.ReadLines(labels).Skip(1).Select(l => l.Split('\t')).Where(f => f[1] == "2")
            .Select(f => Path.Combine(root, f[0])).Order(StringComparer.Ordinal).ToList();
        // Slices of one field recording (one fsID) stay on one side, so a held-out clip never neighbours an indexed one.
        var random = new Random(Seed);
        var recordings = clips.GroupBy(c => Path.GetFileName(c).Split('-')[0]).OrderBy(_ => random.Next()).ToList();
        var heldOut = recordings.Where((_, i) => i % 5 == 4).SelectMany(g => g).ToArray();
        var indexed = recordings.Where((_, i) => i % 5 != 4).SelectMany(g => g).ToArray();
        return (indexed.Take(limit).ToArray(), heldOut.Take(Math.Max(limit / 4, 1)).ToArray());
    }

    private static (string[] Train, string[] Test) FsddSplit(int limit)
    {
        var labels = SharedData.Default.Require("datasets/fsdd/labels.tsv");
        var root = Path.GetDirectoryName(labels)!;
        var random = new Random(Seed);
        var rows = File.ReadLines(labels).Skip(1).Select(l => l.Split('\t')).OrderBy(_ => random.Next()).ToList();
        var train = rows.Where(f => f[3] == "train").Select(f => Path.Combine(root, f[0])).Take(limit).ToArray();
        var test = rows.Where(f => f[3] == "test").Select(f => Path.Combine(root, f[0])).Take(Math.Max(limit / 9, 1)).ToArray();
        return (train, test);
    }

    /// <summary>Decodes <paramref name="files"/> one after another through ffmpeg's concat demuxer: one process, not one per file.</summary>
    private static float[] DecodeJoined(string folder, string[] files)
    {
        var list = Path.Combine(folder, $"concat-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(list, files.Select(f => $"file '{f.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
        try
        {
            return MediaCommand.DecodeMono(["-f", "concat", "-safe", "0", "-i", list], MasterRate);
        }
        finally
        {
            File.Delete(list);
        }
    }

    private static string MakeDocument(string master, string source)
    {
        var stem = Path.ChangeExtension(master, null);
        switch (source)
        {
            case "speech":
                // A real video: H.264 test pattern and AAC sound, as a broadcast recording would be.
                var video = stem + ".mp4";
                MediaCommand.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=5", "-i", master, "-shortest",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", "-ac", "1", video);
                return video;
            case "urbansound8k":
                var opus = stem + ".opus";
                MediaCommand.Ffmpeg("-i", master, "-c:a", "libopus", "-b:a", "64k", "-ar", "48000", opus);
                return opus;
            default:
                var flac = stem + ".flac";
                MediaCommand.Ffmpeg("-i", master, "-c:a", "flac", flac);
                return flac;
        }
    }

    private static void MakeBabble(string folder, double seconds)
    {
        // Six talkers from their own script seed, each scaled to the same loudness, summed: a crowd no document contains.
        const int talkers = 6;
        var bed = new float[(int)(seconds * MasterRate)];
        for (var t = 0; t < talkers; t++)
        {
            var script = new SpeechScript(Seed * 1000 + t);
            var voice = Speak(folder, SpeechParagraphs(script, seconds + 10));
            var rms = Math.Sqrt(voice.Average(s => (double)s * s));
            for (var i = 0; i < bed.Length && i < voice.Length; i++)
            {
                bed[i] += (float)(voice[i] * 0.05 / rms);
            }
        }

        MonoWave.Write(Path.Combine(folder, "babble.wav"), bed, MasterRate);
        Console.Error.WriteLine($"[fingerprint] babble bed: {talkers} talkers, {seconds:F0} s");
    }
}
