namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>How much of each source goes into the corpus. The name keys the cache, so a change here needs a new name.</summary>
internal sealed record CorpusSize(
    string Name,
    int SpeechDocuments,
    double SpeechDocumentSeconds,
    int SpeechHeldOut,
    int UrbanClips,
    int FsddRecordings,
    double BabbleSeconds)
{
    /// <summary>About 3.4 h indexed: 24 five-minute speech videos, 4/5 of UrbanSound8K fold 2, the 2,700 FSDD train recordings.</summary>
    public static CorpusSize Full { get; } = new("full-v1", 24, 300, 4, int.MaxValue, int.MaxValue, 120);

    /// <summary>About 20 minutes indexed, for --quick.</summary>
    public static CorpusSize Quick { get; } = new("quick-v1", 4, 150, 1, 150, 600, 60);
}
