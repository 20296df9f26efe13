using SearchEngine.Embeddings.Pull;
using SearchEngine.Embeddings.Text.Sentence;

namespace SearchEngine.Embeddings.Tests.Text.Sentence;

public sealed class MiniLmSetupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"minilm-{Guid.NewGuid():N}");

    [Fact]
    public void The_package_DLL_is_beside_the_tests_and_holds_the_model_and_vocabulary()
    {
        var dll = MiniLmSetup.FindPackageAssembly();
        Assert.Equal(MiniLmSetup.AssemblyFileName, Path.GetFileName(dll));
        // Read straight from the file; the test process has not loaded the package's DLL for this.
        var names = AssemblyResourcesNames(dll);
        Assert.Contains(MiniLmSetup.ModelResource, names);
        Assert.Contains(MiniLmSetup.VocabularyResource, names);
    }

    [Fact]
    public void Extraction_writes_the_pinned_files_once_and_leaves_them_alone_afterwards()
    {
        var files = MiniLmSetup.EnsureExtracted(_folder, MiniLmSetup.FindPackageAssembly());

        Assert.Equal(Path.Combine(_folder, MiniLmSetup.ModelFileName), files.Model);
        Assert.Equal(90_893_304, new FileInfo(files.Model).Length);
        Assert.Equal(30_522, File.ReadLines(files.Vocabulary).Count());
        Assert.True(MiniLmSetup.IsIntact(files.Model, MiniLmSetup.ModelSha256));
        Assert.Equal(MiniLmSetup.ModelSha256, PinnedHashes.Read(_folder)[MiniLmSetup.ModelFileName]);
        Assert.Equal(MiniLmSetup.VocabularySha256, PinnedHashes.Read(_folder)[MiniLmSetup.VocabularyFileName]);

        var written = File.GetLastWriteTimeUtc(files.Model);
        var again = MiniLmSetup.EnsureExtracted(_folder, MiniLmSetup.FindPackageAssembly());
        Assert.Equal(files, again);
        Assert.Equal(written, File.GetLastWriteTimeUtc(files.Model));
        Assert.Equal(
            [MiniLmSetup.ModelFileName, PinnedHashes.FileName, MiniLmSetup.VocabularyFileName],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_corrupted_model_is_detected_and_extracted_again()
    {
        var files = MiniLmSetup.EnsureExtracted(_folder, MiniLmSetup.FindPackageAssembly());
        using (var model = new FileStream(files.Model, FileMode.Open, FileAccess.ReadWrite))
        {
            model.Position = 40_000_000;
            var value = model.ReadByte();
            model.Position = 40_000_000;
            model.WriteByte((byte)(value ^ 0xFF));
        }

        Assert.False(MiniLmSetup.IsIntact(files.Model, MiniLmSetup.ModelSha256));
        MiniLmSetup.EnsureExtracted(_folder, MiniLmSetup.FindPackageAssembly());
        Assert.True(MiniLmSetup.IsIntact(files.Model, MiniLmSetup.ModelSha256));
    }

    [Fact]
    public void A_half_written_vocabulary_and_a_missing_model_are_extracted_again()
    {
        var files = MiniLmSetup.EnsureExtracted(_folder, MiniLmSetup.FindPackageAssembly());
        File.WriteAllText(files.Vocabulary, "[PAD]\r\n[unused0]\r\n");
        File.Delete(files.Model);

        MiniLmSetup.EnsureExtracted(_folder, MiniLmSetup.FindPackageAssembly());

        Assert.True(MiniLmSetup.IsIntact(files.Vocabulary, MiniLmSetup.VocabularySha256));
        Assert.True(MiniLmSetup.IsIntact(files.Model, MiniLmSetup.ModelSha256));
    }

    [Fact]
    public void A_DLL_without_the_model_is_refused_with_the_resources_it_has()
    {
        // CoreLib embeds its string resources, but no model.
        var error = Assert.Throws<InvalidDataException>(() => MiniLmSetup.EnsureExtracted(_folder, typeof(object).Assembly.Location));
        Assert.Contains(MiniLmSetup.ModelResource, error.Message, StringComparison.Ordinal);
        Assert.Contains("System.Private.CoreLib", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, MiniLmSetup.ModelFileName)));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static List<string> AssemblyResourcesNames(string path)
    {
        using var file = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(file);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        return metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();
    }
}
