using SearchEngine.Core;

namespace SearchEngine.Embeddings.Calibration;

/// <summary>
/// Which two towers produced the vectors a similarity compares: the query's and the matched segment's. Scores are
/// calibrated per direction because each pair of towers has its own similarity scale (text–text cosines run far higher
/// than text–image ones) and its own notion of a match. Only <see cref="Modality.Text"/>, <see cref="Modality.Image"/>
/// and <see cref="Modality.Audio"/> name towers (a video's frames are images, its sound track audio).
/// </summary>
/// <param name="Query">The tower that embedded the query.</param>
/// <param name="Item">The tower that embedded the matched segment.</param>
public readonly record struct ScoreDirection(Modality Query, Modality Item)
{
    /// <summary>A caption's words against photos.</summary>
    public static readonly ScoreDirection TextToImage = new(Modality.Text, Modality.Image);

    /// <summary>A photo against captions and texts.</summary>
    public static readonly ScoreDirection ImageToText = new(Modality.Image, Modality.Text);

    /// <summary>Words against captions and texts.</summary>
    public static readonly ScoreDirection TextToText = new(Modality.Text, Modality.Text);

    /// <summary>Words against sounds.</summary>
    public static readonly ScoreDirection TextToAudio = new(Modality.Text, Modality.Audio);

    /// <summary>A sound against captions and texts.</summary>
    public static readonly ScoreDirection AudioToText = new(Modality.Audio, Modality.Text);

    /// <summary>A sound against sounds.</summary>
    public static readonly ScoreDirection AudioToAudio = new(Modality.Audio, Modality.Audio);

    /// <summary>The wire name, e.g. <c>text_to_image</c> (the key in <c>calibration.json</c>).</summary>
    public string Name => $"{Query.ToName()}_to_{Item.ToName()}";

    /// <summary>Parses a wire name; false for anything that is not two tower names joined by <c>_to_</c>.</summary>
    public static bool TryParse(string? name, out ScoreDirection direction)
    {
        direction = default;
        var parts = name?.Split("_to_");
        if (parts is not [var query, var item]
            || !ModalityNames.TryParse(query, out var from) || !ModalityNames.TryParse(item, out var to)
            || from == Modality.Video || to == Modality.Video)
        {
            return false;
        }

        direction = new ScoreDirection(from, to);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
