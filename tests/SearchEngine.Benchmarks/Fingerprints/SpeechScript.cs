using System.Globalization;
using System.Text;

namespace SearchEngine.Benchmarks.Fingerprints;

/// <summary>One paragraph for espeak-ng to read: the text and the voice, speed, pitch and word gap to read it with.</summary>
internal sealed record SpokenParagraph(string Text, string Voice, int WordsPerMinute, int Pitch, int WordGap)
{
    public IReadOnlyList<string> EspeakArguments(string wavePath) =>
    [
        "-v", Voice, "-s", Format(WordsPerMinute), "-p", Format(Pitch), "-g", Format(WordGap), "-w", wavePath, Text,
    ];

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Seeded paragraphs of made-up news and narration. espeak-ng is deterministic, so the same sentence in the same voice
/// at the same speed would be the same sound twice in the corpus, an exact duplicate no fingerprint could tell apart;
/// every paragraph therefore draws its own sentences, voice, speed and pitch, and each corpus part uses its own seed.
/// </summary>
internal sealed class SpeechScript(int seed)
{
    private static readonly string[] Accents = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-029", "en-us-nyc"];
    private static readonly string[] Variants = ["", "+f1", "+f2", "+f3", "+f4", "+m1", "+m2", "+m3", "+m4", "+m6"];
    private static readonly string[] Names = ["Maria", "the mayor", "our reporter", "Doctor Patel", "the council", "a local farmer", "the coach", "Professor Lind", "the minister", "an old fisherman", "the team", "Captain Okafor", "the museum", "my neighbour", "the union", "a young pilot"];
    private static readonly string[] Verbs = ["announced", "discovered", "repaired", "questioned", "painted", "rejected", "visited", "measured", "described", "delivered", "photographed", "explained", "cancelled", "recorded", "borrowed", "defended"];
    private static readonly string[] Things = ["the northern bridge", "a silver telescope", "the winter budget", "seventeen orange boxes", "the harbour lights", "an ancient map", "the new railway timetable", "a broken violin", "the forest trail", "twelve paper lanterns", "the quarterly report", "a stubborn mule", "the copper statue", "the evening concert", "a crate of lemons", "the mountain weather station"];
    private static readonly string[] Settings = ["before sunrise", "on a rainy Tuesday", "after a long debate", "near the old mill", "during the festival", "without any warning", "in front of the cathedral", "at the edge of town", "while the crowd cheered", "for the third time this year", "under a grey sky", "beside the frozen lake"];
    private static readonly string[] Follows = ["Nobody expected that.", "Questions remain.", "The weather stayed calm.", "Prices rose again.", "Children waved from the windows.", "The decision surprised many.", "It was quiet afterwards.", "Reporters gathered outside."];

    private readonly Random _random = new(seed);

    public SpokenParagraph Next()
    {
        var text = new StringBuilder();
        var sentences = _random.Next(3, 7);
        for (var s = 0; s < sentences; s++)
        {
            text.Append(Sentence()).Append(' ');
        }

        var voice = Accents[_random.Next(Accents.Length)] + Variants[_random.Next(Variants.Length)];
        return new SpokenParagraph(text.ToString().Trim(), voice, _random.Next(130, 201), _random.Next(25, 76), _random.Next(0, 4));
    }

    private string Sentence()
    {
        var subject = Pick(Names);
        var sentence = _random.Next(5) switch
        {
            0 => $"{Capital(subject)} {Pick(Verbs)} {Pick(Things)} {Pick(Settings)}.",
            1 => $"{Capital(Pick(Settings))}, {subject} {Pick(Verbs)} {Pick(Things)} and {Pick(Things)}.",
            2 => $"According to {subject}, {_random.Next(2, 999).ToString(CultureInfo.InvariantCulture)} people {Pick(Verbs)} {Pick(Things)}.",
            3 => $"{Capital(subject)} {Pick(Verbs)} {Pick(Things)}. {Pick(Follows)}",
            _ => $"Was it {Pick(Things)} that {subject} {Pick(Verbs)} {Pick(Settings)}?",
        };
        return sentence;
    }

    private string Pick(string[] words) => words[_random.Next(words.Length)];

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
