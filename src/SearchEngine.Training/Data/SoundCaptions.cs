namespace SearchEngine.Training.Data;

/// <summary>
/// Natural sentences for the sound classes the audio head learns from. Training uses several phrasings per class as
/// caption augmentation; evaluation uses <see cref="UrbanSoundQueries"/>, one sentence per class that no training
/// phrasing repeats, so the text→audio figure measures wording the model has not seen.
/// </summary>
public static class SoundCaptions
{
    /// <summary>Training phrasings per UrbanSound8K class id.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> UrbanSoundPhrasings =
    [
        ["an air conditioner humming", "the steady hum of an air conditioning unit", "air conditioner noise", "a fan of an air conditioner running", "a constant mechanical whir from a cooling unit"],
        ["a car horn honking", "a driver honking the horn", "the beep of a car horn in traffic", "a vehicle horn blaring", "someone honks a car horn"],
        ["children playing", "kids shouting and laughing in a playground", "the voices of children at play", "a group of kids playing outside", "children yelling and having fun"],
        ["a dog barking", "a dog barks loudly", "the sound of a barking dog", "a dog yapping", "dogs barking outside"],
        ["a drill drilling", "the whine of an electric drill", "someone using a power drill", "drilling into a wall", "a drill spinning"],
        ["an engine idling", "a car engine running idle", "the rumble of an idling motor", "a truck engine idling", "a vehicle engine ticking over"],
        ["a gun shot", "gunfire", "the bang of a gunshot", "a pistol being fired", "shots fired"],
        ["a jackhammer pounding", "a pneumatic drill breaking concrete", "the rattle of a jackhammer", "road works with a jackhammer", "a jackhammer hammering the pavement"],
        ["a siren wailing", "an ambulance siren", "a police car siren", "the wail of an emergency vehicle", "a fire truck siren passing"],
        ["street music", "musicians playing music on the street", "a street performer playing a song", "music playing outdoors in the city", "a band busking on the street"],
    ];

    /// <summary>The evaluation query per UrbanSound8K class id (never a training phrasing).</summary>
    public static readonly IReadOnlyList<string> UrbanSoundQueries =
    [
        "the sound of an air conditioner",
        "a car honking its horn",
        "kids playing and shouting",
        "a dog is barking",
        "a power drill",
        "an idling engine",
        "a gun being fired",
        "a jackhammer",
        "a siren of an emergency vehicle",
        "music on the street",
    ];

    private static readonly string[] DigitWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>Training phrasings for a spoken digit.</summary>
    public static IReadOnlyList<string> DigitPhrasings(int digit)
    {
        var word = DigitWords[digit];
        return
        [
            $"a person saying the number {word}",
            $"someone says {word}",
            $"a voice speaking the word {word}",
            $"the spoken digit {word}",
            $"a man saying {word}",
        ];
    }
}
