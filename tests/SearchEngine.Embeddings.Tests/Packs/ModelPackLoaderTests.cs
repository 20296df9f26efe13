using SearchEngine.Core;
using SearchEngine.Embeddings.Offline;
using SearchEngine.Embeddings.Packs;
using SearchEngine.Embeddings.Tests.Fixtures;

namespace SearchEngine.Embeddings.Tests.Packs;

public sealed class ModelPackLoaderTests
{
    [Fact]
    public void Folder_without_pack_json_is_refused_naming_the_folder()
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-nopack").FullName;
        var error = Assert.Throws<PackLoadException>(() => TestPack.Loader.Load(folder));
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        Assert.Contains("pack.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_head_file_is_named_in_the_error()
    {
        using var pack = new TestPack(withText: false);
        File.Delete(Path.Combine(pack.Folder, OfflinePack.AudioHeadFile));
        var error = Assert.Throws<PackLoadException>(() => pack.Load());
        Assert.Contains(OfflinePack.AudioHeadFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("tower 'audio' model 'head'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_shared_backbone_is_named_with_the_shared_folder()
    {
        using var pack = new TestPack(withText: false);
        var manifest = File.ReadAllText(Path.Combine(pack.Folder, PackManifest.FileName))
            .Replace("mobilenetv2-12-int8-features.onnx", "no-such-model.onnx", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(pack.Folder, PackManifest.FileName), manifest);
        var error = Assert.Throws<PackLoadException>(() => pack.Load());
        Assert.Contains("shared:models/mobilenetv2/no-such-model.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains(SharedData.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_model_precision_is_refused_naming_the_known_one()
    {
        using var pack = new TestPack(withText: false);
        var path = Path.Combine(pack.Folder, PackManifest.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"precision\": \"float32\"", "\"precision\": \"int4\"", StringComparison.Ordinal));
        var error = Assert.Throws<PackLoadException>(() => pack.Load());
        Assert.Contains("precision 'int4'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'float32'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_tower_kind_is_refused_with_the_known_kinds()
    {
        var error = Assert.Throws<PackLoadException>(() => PackManifestFile.Parse(
            """{ "id": "p", "version": "1", "dimension": 4, "similarity": "cosine", "towers": { "video": { "type": "x", "models": { "m": { "file": "m.onnx" } } } } }"""u8,
            "test.json"));
        Assert.Contains("unknown tower kind 'video'", error.Message, StringComparison.Ordinal);
        Assert.Contains("text, image, audio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unregistered_tower_type_is_refused_with_the_registered_types()
    {
        using var pack = new TestPack(withText: false);
        var path = Path.Combine(pack.Folder, PackManifest.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("yamnet+head", "vggish+head", StringComparison.Ordinal));
        var error = Assert.Throws<PackLoadException>(() => pack.Load());
        Assert.Contains("'vggish+head'", error.Message, StringComparison.Ordinal);
        Assert.Contains("yamnet+head", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_and_bad_fields_give_errors_naming_the_field()
    {
        var syntax = Assert.Throws<PackLoadException>(() => PackManifestFile.Parse("{ \"id\": "u8, "broken.json"));
        Assert.Contains("broken.json", syntax.Message, StringComparison.Ordinal);

        var similarity = Assert.Throws<PackLoadException>(() => PackManifestFile.Parse(
            """{ "id": "p", "version": "1", "dimension": 4, "similarity": "dot", "towers": { "text": { "type": "x", "models": { "m": { "file": "m.onnx" } } } } }"""u8, "s.json"));
        Assert.Contains("similarity", similarity.Message, StringComparison.Ordinal);

        var dimension = Assert.Throws<PackLoadException>(() => PackManifestFile.Parse(
            """{ "id": "p", "version": "1", "dimension": 0, "towers": { "text": { "type": "x", "models": { "m": { "file": "m.onnx" } } } } }"""u8, "d.json"));
        Assert.Contains("\"dimension\" 0", dimension.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dimension_mismatch_between_manifest_and_head_is_refused()
    {
        using var pack = new TestPack(dimension: 8, withText: false);
        var path = Path.Combine(pack.Folder, PackManifest.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"dimension\": 8", "\"dimension\": 12", StringComparison.Ordinal));
        var error = Assert.Throws<PackLoadException>(() => pack.Load());
        Assert.Contains("8-d", error.Message, StringComparison.Ordinal);
        Assert.Contains("12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_is_stable_and_changes_when_a_referenced_file_changes()
    {
        using var pack = new TestPack(withText: false);
        var files = new PackFileResolver(pack.Folder);
        var first = PackFingerprint.Compute(pack.Manifest, files);
        Assert.Equal(first, PackFingerprint.Compute(pack.Manifest, files));
        Assert.Matches("^[0-9a-f]{64}$", first);

        var head = Path.Combine(pack.Folder, OfflinePack.ImageHeadFile);
        var bytes = File.ReadAllBytes(head);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(head, bytes);
        Assert.NotEqual(first, PackFingerprint.Compute(pack.Manifest, files));
    }

    [Fact]
    public void Pack_mismatch_names_both_packs_and_the_collection()
    {
        using var pack = new TestPack(withText: false);
        using var loaded = pack.Load();
        var matching = new CollectionInfo(1, "photos", loaded.Id, loaded.Fingerprint, loaded.Dimension, DateTimeOffset.UtcNow);
        loaded.EnsureMatches(matching);

        var other = matching with { PackId = "clip-vit-b32", PackFingerprint = "abc123" };
        var error = Assert.Throws<PackMismatchException>(() => loaded.EnsureMatches(other));
        Assert.Contains("'photos'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'clip-vit-b32'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'offline-test'", error.Message, StringComparison.Ordinal);

        var sameIdOtherFiles = matching with { PackFingerprint = "0000" };
        Assert.Throws<PackMismatchException>(() => loaded.EnsureMatches(sameIdOtherFiles));
    }

    [Fact]
    public void Registry_finds_packs_by_manifest_id_and_reports_unknown_ids()
    {
        using var pack = new TestPack(withText: false);
        var options = Microsoft.Extensions.Options.Options.Create(new ModelPackOptions { PacksFolder = pack.PacksFolder, DefaultPackId = "offline-test" });
        using var registry = new ModelPackRegistry(TestPack.Loader, options);
        var loaded = registry.Get();
        Assert.Equal("offline-test", loaded.Id);
        Assert.Same(loaded, registry.Get("offline-test"));
        var error = Assert.Throws<PackLoadException>(() => registry.Get("no-such-pack"));
        Assert.Contains("'no-such-pack'", error.Message, StringComparison.Ordinal);
    }
}
