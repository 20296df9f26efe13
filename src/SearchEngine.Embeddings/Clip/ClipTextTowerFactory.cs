using System.Text.Json;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Tokenizers;
using SearchEngine.Embeddings.Towers;

namespace SearchEngine.Embeddings.Clip;

/// <summary>
/// Builds <see cref="ClipTextTower"/>s for <c>pack.json</c> towers of type <c>clip-text</c>: model role <c>text</c>
/// (inputs <c>input_ids</c>, optional <c>attention_mask</c>; output <c>text_embeds</c>, each renameable), tokenizer
/// of type <c>clip-bpe</c> with files <c>vocab</c> and <c>merges</c> (or <c>bpe</c>, openai's gzip file) and options
/// <see cref="ClipTokenizerSettings"/>.
/// </summary>
public sealed class ClipTextTowerFactory : ITowerFactory
{
    /// <summary>The tower type name.</summary>
    public const string TypeName = "clip-text";

    /// <summary>The tokenizer type name.</summary>
    public const string TokenizerType = "clip-bpe";

    /// <summary>The model role.</summary>
    public const string ModelRole = "text";

    /// <inheritdoc />
    public string Type => TypeName;

    /// <inheritdoc />
    public ITower Create(TowerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokenizer = LoadTokenizer(context, out var settings);
        var model = context.Model(ModelRole);
        var options = new ClipTextTowerOptions
        {
            InputIdsName = model.InputName("input_ids"),
            AttentionMaskName = model.InputName("attention_mask"),
            OutputName = model.OutputName("text_embeds"),
            ContextLength = settings.ContextLength,
            Padding = settings.Padding,
            BatchSize = context.Tower.BatchSize ?? 32,
        };
        return context.CreateOverSession(ModelRole, session => new ClipTextTower(session, tokenizer, context.Dimension, options));
    }

    private static ClipTokenizer LoadTokenizer(TowerContext context, out ClipTokenizerSettings settings)
    {
        var manifest = context.Tower.Tokenizer;
        if (manifest is null || manifest.Type != TokenizerType || manifest.Files is null)
        {
            throw new PackLoadException(
                $"Model pack '{context.Pack.Id}': tower '{context.Slot}' ({TypeName}) needs \"tokenizer\": {{ \"type\": \"{TokenizerType}\", \"files\": {{ \"vocab\": …, \"merges\": … }} }}.");
        }

        settings = new ClipTokenizerSettings();
        if (manifest.Options is { ValueKind: JsonValueKind.Object } options)
        {
            try
            {
                settings = options.Deserialize(ClipJsonContext.Default.ClipTokenizerSettings) ?? settings;
            }
            catch (JsonException e)
            {
                throw new PackLoadException($"Model pack '{context.Pack.Id}': tower '{context.Slot}' has invalid tokenizer options: {e.Message}", e);
            }
        }

        try
        {
            if (manifest.Files.TryGetValue("bpe", out var bpe))
            {
                return ClipTokenizer.FromOpenAiBpe(context.Files.Require(bpe, "tokenizer 'bpe'"));
            }

            return ClipTokenizer.FromHuggingFaceFiles(
                context.Files.Require(File(manifest, "vocab", context), "tokenizer 'vocab'"),
                context.Files.Require(File(manifest, "merges", context), "tokenizer 'merges'"));
        }
        catch (InvalidDataException e)
        {
            throw new PackLoadException($"Model pack '{context.Pack.Id}': tower '{context.Slot}' tokenizer: {e.Message}", e);
        }
    }

    private static string File(TokenizerManifest manifest, string role, TowerContext context) =>
        manifest.Files!.TryGetValue(role, out var reference)
            ? reference
            : throw new PackLoadException($"Model pack '{context.Pack.Id}': tower '{context.Slot}' tokenizer has no file '{role}'.");
}
