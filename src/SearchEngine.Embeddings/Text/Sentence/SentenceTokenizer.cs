using System.Text.Json;
using FastBertTokenizer;

namespace SearchEngine.Embeddings.Text.Sentence;

/// <summary>
/// The WordPiece tokenizer of uncased BERT models such as all-MiniLM-L6-v2, giving the token ids Hugging Face's
/// tokenizer gives: <c>[CLS]</c>, the word pieces of the lower-cased, accent-stripped text, <c>[SEP]</c>, truncated to
/// <see cref="MaxTokens"/> ids in all (a word cut by the limit keeps its first pieces, as Hugging Face truncates).
/// FastBertTokenizer (a maintained port tested against Hugging Face's) does the work; <see cref="BertTextNormalizer"/>
/// the normalization it would leave to ICU. Thread-safe.
/// </summary>
/// <remarks>
/// The cost per text is bounded: only the first <see cref="MaxCharacters"/> characters are read (cut after the last
/// whitespace, punctuation or CJK character in them), so a 1 MB text costs about what a page does. The ids are exactly
/// Hugging Face's unless those characters hold fewer than <see cref="MaxTokens"/> word pieces, which takes long runs of
/// whitespace or words of more than 100 characters.
/// </remarks>
public sealed class SentenceTokenizer
{
    /// <summary>How many characters of input are read per token of <see cref="MaxTokens"/>.</summary>
    public const int CharactersPerToken = BertTextNormalizer.MaxCharactersPerWord;

    private static readonly string[] SpecialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    private readonly BertTokenizer _tokenizer = new();

    /// <summary>Loads a BERT <c>vocab.txt</c> (one token per line, the line number is its id; CRLF or LF).</summary>
    /// <param name="vocabularyPath">The vocabulary file.</param>
    /// <param name="maxTokens">Ids per text, <c>[CLS]</c> and <c>[SEP]</c> included (at least 2).</param>
    public SentenceTokenizer(string vocabularyPath, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        MaxTokens = maxTokens;
        using var json = TokenizerJson(vocabularyPath);
        _tokenizer.LoadTokenizerJson(json);
    }

    /// <summary>Ids per text, <c>[CLS]</c> and <c>[SEP]</c> included.</summary>
    public int MaxTokens { get; }

    /// <summary>How much of a text is read at most (<see cref="MaxTokens"/> × <see cref="CharactersPerToken"/>).</summary>
    public int MaxCharacters => MaxTokens * CharactersPerToken;

    /// <summary>The ids of <paramref name="text"/> (null reads as empty: <c>[CLS] [SEP]</c>).</summary>
    public long[] Encode(string? text)
    {
        Span<long> ids = stackalloc long[MaxTokens];
        return ids[..Encode(text, ids)].ToArray();
    }

    /// <summary>Writes the ids of <paramref name="text"/> to <paramref name="ids"/> and returns how many there are.</summary>
    /// <exception cref="ArgumentException"><paramref name="ids"/> is shorter than <see cref="MaxTokens"/>.</exception>
    public int Encode(string? text, Span<long> ids)
    {
        if (ids.Length < MaxTokens)
        {
            throw new ArgumentException($"The destination holds {ids.Length} ids; it needs {MaxTokens}.", nameof(ids));
        }

        var prepared = BertTextNormalizer.Normalize(Window(text ?? string.Empty, MaxCharacters));
        Span<long> mask = stackalloc long[MaxTokens];
        return _tokenizer.Encode(prepared, ids[..MaxTokens], mask);
    }

    /// <summary>
    /// Hugging Face's <c>tokenizer.json</c> of an uncased BERT model over <paramref name="vocabularyPath"/>. The library's
    /// own <c>vocab.txt</c> loader would lower-case <c>[CLS]</c> typed in a text (to <c>[cls]</c>, then [UNK]) and not
    /// know <c>[MASK]</c>; Hugging Face's tokenizer matches the special tokens as written, and so does this one.
    /// </summary>
    private static MemoryStream TokenizerJson(string vocabularyPath)
    {
        var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
            var id = 0;
            foreach (var token in File.ReadLines(vocabularyPath))
            {
                vocabulary.TryAdd(token, id++);
            }

            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteStartArray("added_tokens");
            foreach (var special in SpecialTokens.Where(vocabulary.ContainsKey))
            {
                json.WriteStartObject();
                json.WriteNumber("id", vocabulary[special]);
                json.WriteString("content", special);
                json.WriteBoolean("normalized", false);
                json.WriteBoolean("special", true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            // Lower-casing with strip_accents unset strips accents too, as Hugging Face's uncased normalizer does.
            json.WriteStartObject("normalizer");
            json.WriteString("type", "BertNormalizer");
            json.WriteBoolean("clean_text", true);
            json.WriteBoolean("handle_chinese_chars", true);
            json.WriteBoolean("lowercase", true);
            json.WriteEndObject();
            json.WriteStartObject("pre_tokenizer");
            json.WriteString("type", "BertPreTokenizer");
            json.WriteEndObject();
            json.WriteStartObject("post_processor");
            json.WriteString("type", "TemplateProcessing");
            json.WriteStartObject("special_tokens");
            foreach (var special in new[] { "[CLS]", "[SEP]" })
            {
                json.WriteStartObject(special);
                json.WriteString("id", special);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("model");
            json.WriteString("type", "WordPiece");
            json.WriteString("unk_token", "[UNK]");
            json.WriteString("continuing_subword_prefix", "##");
            json.WriteStartObject("vocab");
            foreach (var (token, tokenId) in vocabulary)
            {
                json.WriteNumber(token, tokenId);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>
    /// The first <paramref name="maxCharacters"/> characters of <paramref name="text"/>, cut right after the last word
    /// boundary in them so no word is split (or, in one giant word, wherever no surrogate pair is split).
    /// </summary>
    public static string Window(string text, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCharacters);
        if (text.Length <= maxCharacters)
        {
            return text;
        }

        var end = maxCharacters;
        while (end > 0 && !BertTextNormalizer.IsBoundary(text[end - 1]))
        {
            end--;
        }

        if (end == 0)
        {
            end = char.IsHighSurrogate(text[maxCharacters - 1]) ? maxCharacters - 1 : maxCharacters;
        }

        return text[..end];
    }
}
