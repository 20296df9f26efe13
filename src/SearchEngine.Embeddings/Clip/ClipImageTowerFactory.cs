using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Clip;

/// <summary>
/// Builds <see cref="ClipImageTower"/>s for <c>pack.json</c> towers of type <c>clip-image</c>: model role
/// <c>image</c> (input <c>pixel_values</c>, output <c>image_embeds</c>, each renameable) and optional
/// <c>preprocessing</c> (<see cref="ClipImagePreprocessing"/>, openai/CLIP's values by default).
/// </summary>
public sealed class ClipImageTowerFactory : ITowerFactory
{
    /// <summary>The tower type name.</summary>
    public const string TypeName = "clip-image";

    /// <summary>The model role.</summary>
    public const string ModelRole = "image";

    /// <inheritdoc />
    public string Type => TypeName;

    /// <inheritdoc />
    public ITower Create(TowerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var preprocessing = context.Preprocessing(ClipJsonContext.Default.ClipImagePreprocessing, ClipImagePreprocessing.Default);
        var model = context.Model(ModelRole);
        return context.CreateOverSession(ModelRole, session => new ClipImageTower(
            session,
            context.Dimension,
            preprocessing,
            model.InputName("pixel_values"),
            model.OutputName("image_embeds"),
            context.Tower.BatchSize ?? 16));
    }
}
