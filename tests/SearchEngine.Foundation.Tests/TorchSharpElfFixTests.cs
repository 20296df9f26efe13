using SearchEngine.Build;

namespace SearchEngine.Foundation.Tests;

/// <summary>The ELF edit that lets TorchSharp 0.107.0 load on Debian 12, tested on the real library from the NuGet cache.</summary>
public sealed class TorchSharpElfFixTests : IDisposable
{
    private const string Marker = "GLIBCXX_3.4.32";
    private readonly string _folder = Directory.CreateTempSubdirectory("elf-fix-").FullName;

    private static string PristineLibrary()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"TorchSharp 0.107.0 is not in the NuGet cache at {path}; restore the solution first.");
        return path;
    }

    private string CopyOfLibrary()
    {
        var copy = Path.Combine(_folder, "libLibTorchSharp.so");
        File.Copy(PristineLibrary(), copy, overwrite: true);
        return copy;
    }

    [Fact]
    public void The_shipped_library_requires_the_gcc13_marker_strongly()
    {
        Assert.False(ElfVersionPatcher.IsVersionNeedWeak(PristineLibrary(), Marker));
    }

    [Fact]
    public void Patching_weakens_exactly_that_requirement_and_changes_one_byte()
    {
        var library = CopyOfLibrary();
        var before = File.ReadAllBytes(library);

        Assert.Equal(ElfPatchResult.Patched, ElfVersionPatcher.MarkVersionNeedWeak(library, Marker));

        Assert.True(ElfVersionPatcher.IsVersionNeedWeak(library, Marker));
        Assert.False(ElfVersionPatcher.IsVersionNeedWeak(library, "GLIBCXX_3.4.18"));
        var after = File.ReadAllBytes(library);
        Assert.Equal(before.Length, after.Length);
        Assert.Single(Enumerable.Range(0, before.Length), i => before[i] != after[i]);
    }

    [Fact]
    public void Patching_twice_is_a_no_op()
    {
        var library = CopyOfLibrary();
        ElfVersionPatcher.MarkVersionNeedWeak(library, Marker);
        var once = File.ReadAllBytes(library);

        Assert.Equal(ElfPatchResult.AlreadyWeak, ElfVersionPatcher.MarkVersionNeedWeak(library, Marker));
        Assert.Equal(once, File.ReadAllBytes(library));
    }

    [Fact]
    public void A_version_the_library_does_not_require_is_left_alone()
    {
        var library = CopyOfLibrary();
        Assert.Equal(ElfPatchResult.NotRequired, ElfVersionPatcher.MarkVersionNeedWeak(library, "GLIBCXX_9.9.9"));
        Assert.Equal(File.ReadAllBytes(PristineLibrary()), File.ReadAllBytes(library));
    }

    [Fact]
    public void A_file_that_is_not_elf_is_rejected_with_a_clear_error()
    {
        var notElf = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(notElf, "not a shared library");
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.MarkVersionNeedWeak(notElf, Marker));
        Assert.Contains("not an ELF file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_libstdcxx_is_found_and_its_version_definitions_are_read()
    {
        var host = HostLibStdCxx.Locate();
        Assert.NotNull(host);
        Assert.True(ElfVersionPatcher.DefinesVersion(host!, "GLIBCXX_3.4.21"));
        Assert.False(ElfVersionPatcher.DefinesVersion(host!, "GLIBCXX_9.9.9"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
