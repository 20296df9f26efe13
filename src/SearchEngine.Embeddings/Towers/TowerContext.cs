using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.ML.OnnxRuntime;
using SearchEngine.Embeddings.Inference;
using SearchEngine.Embeddings.Packs;

namespace SearchEngine.Embeddings.Towers;

/// <summary>Everything a <see cref="ITowerFactory"/> needs to build one tower of a pack.</summary>
/// <param name="Pack">The whole manifest (for its id and dimension).</param>
/// <param name="Slot">The tower's slot: <c>text</c>, <c>image</c> or <c>audio</c>.</param>
/// <param name="Tower">The tower's manifest entry.</param>
/// <param name="Files">Resolves the manifest's file references.</param>
/// <param name="Sessions">Creates ONNX Runtime sessions.</param>
public sealed record TowerContext(PackManifest Pack, string Slot, TowerManifest Tower, PackFileResolver Files, OnnxSessionFactory Sessions)
{
    /// <summary>The pack's embedding dimension.</summary>
    public int Dimension => Pack.Dimension;

    /// <summary>The model entry for <paramref name="role"/>; a missing one is a <see cref="PackLoadException"/>.</summary>
    public OnnxModelManifest Model(string role) =>
        Tower.Models.TryGetValue(role, out var model)
            ? model
            : throw new PackLoadException(
                $"Model pack '{Pack.Id}': tower '{Slot}' ({Tower.Type}) needs a model with role '{role}' under \"models\"; it has {Describe(Tower.Models.Keys)}.");

    /// <summary>Opens the ONNX session for the model with <paramref name="role"/>, in the precision the manifest asks for.</summary>
    public InferenceSession OpenSession(string role)
    {
        var model = Model(role);
        if (model.Precision is not null and not Onnx.Float32Graph.Precision)
        {
            throw new PackLoadException(
                $"Model pack '{Pack.Id}': tower '{Slot}' model '{role}' has precision '{model.Precision}'; the one known is '{Onnx.Float32Graph.Precision}' (or none).");
        }

        var path = Files.Require(model.File, $"tower '{Slot}' model '{role}'");
        try
        {
            return Sessions.Open(path, model.Precision);
        }
        catch (InvalidDataException e)
        {
            throw new PackLoadException($"Model pack '{Pack.Id}': tower '{Slot}' model '{role}': {e.Message}", e);
        }
    }

    /// <summary>
    /// The tower's tokenizer, which must be of <paramref name="type"/> and name a file of <paramref name="role"/>, and
    /// that file's path; anything else is a <see cref="PackLoadException"/> showing the entry it needs
    /// (<paramref name="example"/> as the file).
    /// </summary>
    public (TokenizerManifest Tokenizer, string File) RequireTokenizerFile(string type, string role, string example)
    {
        var tokenizer = Tower.Tokenizer;
        if (tokenizer is null || tokenizer.Type != type || tokenizer.Files is null || !tokenizer.Files.TryGetValue(role, out var reference))
        {
            throw new PackLoadException(
                $"Model pack '{Pack.Id}': tower '{Slot}' ({Tower.Type}) needs \"tokenizer\": {{ \"type\": \"{type}\", \"files\": {{ \"{role}\": \"{example}\" }} }}.");
        }

        return (tokenizer, Files.Require(reference, $"tower '{Slot}' tokenizer file '{role}'"));
    }

    /// <summary>
    /// Opens the session for <paramref name="role"/> and builds a tower over it with <paramref name="create"/>. When the
    /// tower rejects the model (<see cref="InvalidDataException"/> or <see cref="ArgumentException"/>: tensor names or
    /// shapes it cannot use) the session is closed and the error becomes a <see cref="PackLoadException"/> naming the
    /// pack and the tower.
    /// </summary>
    public ITower CreateOverSession(string role, Func<InferenceSession, ITower> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var session = OpenSession(role);
        try
        {
            return create(session);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            session.Dispose();
            throw new PackLoadException($"Model pack '{Pack.Id}': tower '{Slot}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads the tower's <c>preprocessing</c> object as <typeparamref name="T"/>; returns <paramref name="defaults"/>
    /// when the manifest has none. Malformed settings are a <see cref="PackLoadException"/>.
    /// </summary>
    public T Preprocessing<T>(JsonTypeInfo<T> typeInfo, T defaults)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (Tower.Preprocessing is not { ValueKind: JsonValueKind.Object } element)
        {
            return defaults;
        }

        try
        {
            return element.Deserialize(typeInfo) ?? defaults;
        }
        catch (JsonException e)
        {
            throw new PackLoadException($"Model pack '{Pack.Id}': tower '{Slot}' has invalid \"preprocessing\": {e.Message}", e);
        }
    }

    /// <summary>
    /// Checks that <paramref name="session"/> has the named inputs and outputs, so a wrong tensor name fails at load
    /// time with the names the model really has.
    /// </summary>
    public void RequireTensors(InferenceSession session, string role, IEnumerable<string> inputs, IEnumerable<string> outputs)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var input in inputs)
        {
            if (!session.InputMetadata.ContainsKey(input))
            {
                throw new PackLoadException(
                    $"Model pack '{Pack.Id}': tower '{Slot}' model '{role}' ({Model(role).File}) has no input '{input}'; its inputs are {Describe(session.InputMetadata.Keys)}.");
            }
        }

        foreach (var output in outputs)
        {
            if (!session.OutputMetadata.ContainsKey(output))
            {
                throw new PackLoadException(
                    $"Model pack '{Pack.Id}': tower '{Slot}' model '{role}' ({Model(role).File}) has no output '{output}'; its outputs are {Describe(session.OutputMetadata.Keys)}.");
            }
        }
    }

    private static string Describe(IEnumerable<string> names) => "'" + string.Join("', '", names) + "'";
}
