using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Clap;

/// <summary>
/// Builds <see cref="ClapAudioTower"/>s for <c>pack.json</c> towers of type <c>clap-audio</c>: model role
/// <c>audio</c> (input <c>input_features</c>, output <c>audio_embeds</c>, each renameable) and optional
/// <c>preprocessing</c> (<see cref="ClapAudioPreprocessing"/>, laion/clap-htsat-unfused's values by default).
/// </summary>
public sealed class ClapAudioTowerFactory : ITowerFactory
{
    /// <summary>The tower type name.</summary>
    public const string TypeName = "clap-audio";

    /// <summary>The model role.</summary>
    public const string ModelRole = "audio";

    /// <inheritdoc />
    public string Type => TypeName;

    /// <inheritdoc />
    public ITower Create(TowerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var preprocessing = context.Preprocessing(ClapJsonContext.Default.ClapAudioPreprocessing, ClapAudioPreprocessing.Default);
        var model = context.Model(ModelRole);
        return context.CreateOverSession(ModelRole, session => new ClapAudioTower(
            session,
            context.Dimension,
            preprocessing,
            model.InputName("input_features"),
            model.OutputName("audio_embeds"),
            context.Tower.BatchSize ?? 8));
    }
}
