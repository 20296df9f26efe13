namespace SearchEngine.Training.Evaluation;

/// <summary>
/// Which ImageNet photos a sound "comes from", for the sound→picture check (UrbanSound8K fold-1 clips as queries over
/// the ImageNet sample). Fixed before any result was seen, as issue 12 lays it out; the classes that name no pictured
/// thing (air_conditioner, children_playing, jackhammer) are left out. Car horns and idling engines share the cars, so
/// relevance goes by picture group, not by sound class.
/// </summary>
public static class SoundToPictureMapping
{
    /// <summary>ImageNet-1k class indices of the dog breeds (Chihuahua … Mexican hairless dog).</summary>
    private static readonly int[] Dogs = [.. Enumerable.Range(151, 268 - 151 + 1)];

    /// <summary>Passenger cars: station wagon, taxicab, convertible, jeep, limousine, minivan, Model T, pickup truck, race car, sports car.</summary>
    private static readonly int[] Cars = [436, 468, 511, 609, 627, 656, 661, 717, 751, 817];

    /// <summary>Emergency vehicles that carry sirens: ambulance, fire truck, police van.</summary>
    private static readonly int[] EmergencyVehicles = [407, 555, 734];

    /// <summary>Firearms: assault rifle, revolver, rifle.</summary>
    private static readonly int[] Firearms = [413, 763, 764];

    /// <summary>Musical instruments a street musician plays.</summary>
    private static readonly int[] Instruments =
        [401, 402, 420, 432, 486, 494, 513, 541, 546, 558, 566, 577, 579, 593, 594, 641, 642, 683, 684, 687, 699, 776, 822, 875, 881, 889];

    /// <summary>Power drill.</summary>
    private static readonly int[] Drills = [740];

    /// <summary>Picture groups by UrbanSound8K class name: the group's id and its ImageNet classes.</summary>
    public static IReadOnlyDictionary<string, (int Group, int[] Classes)> ByUrbanSoundClass { get; } = new Dictionary<string, (int, int[])>(StringComparer.Ordinal)
    {
        ["dog_bark"] = (0, Dogs),
        ["siren"] = (1, EmergencyVehicles),
        ["car_horn"] = (2, Cars),
        ["engine_idling"] = (2, Cars),
        ["drilling"] = (3, Drills),
        ["gun_shot"] = (4, Firearms),
        ["street_music"] = (5, Instruments),
    };

    /// <summary>The picture group of ImageNet class <paramref name="classIndex"/>, or -1 when no sound maps to it.</summary>
    public static long GroupOf(int classIndex) =>
        ByUrbanSoundClass.Values.FirstOrDefault(g => g.Classes.Contains(classIndex), (-1, [])).Group;
}
