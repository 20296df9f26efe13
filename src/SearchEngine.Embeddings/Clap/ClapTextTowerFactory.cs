using System.Text.Json;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Tokenizers;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Clap;

/// <summary>
/// Builds <see cref="ClapTextTower"/>s for <c>pack.json</c> towers of type <c>clap-text</c>: model role <c>text</c>
/// (inputs <c>input_ids</c>, <c>attention_mask</c>; output <c>text_embeds</c>, each renameable) and a tokenizer of
/// type <c>roberta-bpe</c> with files <c>vocab</c> and <c>merges</c> and options <see cref="ClapTokenizerSettings"/>.
/// </summary>
public sealed class ClapTextTowerFactory : ITowerFactory
{
    /// <summary>The tower type name.</summary>
    public const string TypeName = "clap-text";

    /// <summary>The tokenizer type name.</summary>
    public const string TokenizerType = "roberta-bpe";

    /// <summary>The model role.</summary>
    public const string ModelRole = "text";

    /// <inheritdoc />
    public string Type => TypeName;

    /// <inheritdoc />
    public ITower Create(TowerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var manifest = context.Tower.Tokenizer;
        if (manifest is null || manifest.Type != TokenizerType || manifest.Files is null
            || !manifest.Files.TryGetValue("vocab", out var vocabulary) || !manifest.Files.TryGetValue("merges", out var merges))
        {
            throw new PackLoadException(
                $"Model pack '{context.Pack.Id}': tower '{context.Slot}' ({TypeName}) needs \"tokenizer\": {{ \"type\": \"{TokenizerType}\", \"files\": {{ \"vocab\": …, \"merges\": … }} }}.");
        }

        var settings = new ClapTokenizerSettings();
        RobertaTokenizer tokenizer;
        try
        {
            if (manifest.Options is { ValueKind: JsonValueKind.Object } options)
            {
                settings = options.Deserialize(ClapJsonContext.Default.ClapTokenizerSettings) ?? settings;
            }

            tokenizer = RobertaTokenizer.FromFiles(
                context.Files.Require(vocabulary, "tokenizer 'vocab'"),
                context.Files.Require(merges, "tokenizer 'merges'"));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new PackLoadException($"Model pack '{context.Pack.Id}': tower '{context.Slot}' tokenizer: {e.Message}", e);
        }

        var model = context.Model(ModelRole);
        var towerOptions = new ClapTextTowerOptions
        {
            InputIdsName = model.InputName("input_ids"),
            AttentionMaskName = model.InputName("attention_mask"),
            OutputName = model.OutputName("text_embeds"),
            MaxLength = settings.MaxLength,
            BatchSize = context.Tower.BatchSize ?? 32,
        };
        return context.CreateOverSession(ModelRole, session => new ClapTextTower(session, tokenizer, context.Dimension, towerOptions));
    }
}
