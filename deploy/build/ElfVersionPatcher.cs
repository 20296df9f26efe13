// Marks one symbol-version requirement of an ELF shared library as weak (VER_FLG_WEAK), so the dynamic loader
// accepts the library on a host whose libraries do not define that version. Used by TorchSharpElfFix.targets as an
// inline MSBuild task, and compiled into the foundation tests (with ELF_PATCHER_LIBRARY_ONLY) to test the parsing.
//
// Why this is safe for TorchSharp 0.107.0: libLibTorchSharp.so binds exactly one symbol to GLIBCXX_3.4.32,
// std::ios_base_library_init(), a link-time marker that GCC 13's <iostream> references and never calls.
#nullable enable
using System;
using System.IO;
using System.Text;

namespace SearchEngine.Build;

/// <summary>The outcome of <see cref="ElfVersionPatcher.MarkVersionNeedWeak"/>.</summary>
public enum ElfPatchResult
{
    /// <summary>The requirement was strong and is now weak.</summary>
    Patched,
    /// <summary>The requirement was already weak: nothing was written.</summary>
    AlreadyWeak,
    /// <summary>The library does not require that version at all.</summary>
    NotRequired,
}

/// <summary>Reads and edits the GNU symbol-versioning sections of 64-bit little-endian ELF files.</summary>
public static class ElfVersionPatcher
{
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>
    /// Sets VER_FLG_WEAK on the vernaux entry named <paramref name="version"/> in the .gnu.version_r section of the
    /// file at <paramref name="path"/>. Idempotent.
    /// </summary>
    public static ElfPatchResult MarkVersionNeedWeak(string path, string version)
    {
        byte[] image = File.ReadAllBytes(path);
        long flagsAt = FindVersionNeedFlags(image, version, path);
        if (flagsAt < 0)
        {
            return ElfPatchResult.NotRequired;
        }

        ushort flags = U16(image, flagsAt);
        if ((flags & VerFlgWeak) != 0)
        {
            return ElfPatchResult.AlreadyWeak;
        }

        ushort patched = (ushort)(flags | VerFlgWeak);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = flagsAt;
            stream.WriteByte((byte)(patched & 0xff));
            stream.WriteByte((byte)(patched >> 8));
            stream.Flush(true);
        }

        return ElfPatchResult.Patched;
    }

    /// <summary>True when the library at <paramref name="path"/> defines the symbol version <paramref name="version"/> (.gnu.version_d).</summary>
    public static bool DefinesVersion(string path, string version)
    {
        byte[] image = File.ReadAllBytes(path);
        Section verdef = FindSection(image, ".gnu.version_d", ShtGnuVerdef, path);
        Section strings = SectionAt(image, (int)verdef.Link, path);

        long entry = verdef.Offset;
        for (uint i = 0; i < verdef.Info; i++)
        {
            long aux = entry + U32(image, entry + 12);
            if (CString(image, strings.Offset + U32(image, aux)) == version)
            {
                return true;
            }

            uint next = U32(image, entry + 16);
            if (next == 0)
            {
                break;
            }

            entry += next;
        }

        return false;
    }

    /// <summary>The weak flag of the requirement named <paramref name="version"/>, or null when the library does not require it.</summary>
    public static bool? IsVersionNeedWeak(string path, string version)
    {
        byte[] image = File.ReadAllBytes(path);
        long flagsAt = FindVersionNeedFlags(image, version, path);
        return flagsAt < 0 ? null : (U16(image, flagsAt) & VerFlgWeak) != 0;
    }

    /// <summary>
    /// The file offset of the vna_flags field of the vernaux entry named <paramref name="version"/> (walking every
    /// Elf64_Verneed of .gnu.version_r and its Elf64_Vernaux chain), or -1 when no entry has that name.
    /// </summary>
    private static long FindVersionNeedFlags(byte[] image, string version, string path)
    {
        Section verneed = FindSection(image, ".gnu.version_r", ShtGnuVerneed, path);
        Section strings = SectionAt(image, (int)verneed.Link, path);
        long entry = verneed.Offset;
        for (uint i = 0; i < verneed.Info; i++)
        {
            ushort count = U16(image, entry + 2);
            long aux = entry + U32(image, entry + 8);
            for (ushort j = 0; j < count; j++)
            {
                if (CString(image, strings.Offset + U32(image, aux + 8)) == version)
                {
                    return aux + 4;
                }

                aux += U32(image, aux + 12);
            }

            uint next = U32(image, entry + 12);
            if (next == 0)
            {
                break;
            }

            entry += next;
        }

        return -1;
    }

    private struct Section
    {
        public long Offset;
        public long Size;
        public uint Type;
        public uint Link;
        public uint Info;
        public uint NameOffset;
    }

    private static Section FindSection(byte[] image, string name, uint type, string path)
    {
        CheckHeader(image, path);
        int count = U16(image, 0x3C);
        Section names = SectionAt(image, U16(image, 0x3E), path);
        for (int i = 0; i < count; i++)
        {
            Section s = SectionAt(image, i, path);
            if (s.Type == type && CString(image, names.Offset + s.NameOffset) == name)
            {
                return s;
            }
        }

        throw new InvalidDataException(path + " has no " + name + " section.");
    }

    private static Section SectionAt(byte[] image, int index, string path)
    {
        long table = (long)U64(image, 0x28);
        int size = U16(image, 0x3A);
        long at = table + ((long)index * size);
        if (size < 64 || at + 64 > image.Length)
        {
            throw new InvalidDataException(path + ": section header " + index + " lies outside the file.");
        }

        var s = new Section
        {
            NameOffset = U32(image, at),
            Type = U32(image, at + 4),
            Offset = (long)U64(image, at + 24),
            Size = (long)U64(image, at + 32),
            Link = U32(image, at + 40),
            Info = U32(image, at + 44),
        };
        if (s.Offset < 0 || s.Offset + s.Size > image.Length)
        {
            throw new InvalidDataException(path + ": section " + index + " lies outside the file.");
        }

        return s;
    }

    private static void CheckHeader(byte[] image, string path)
    {
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            throw new InvalidDataException(path + " is not an ELF file.");
        }

        if (image[4] != 2 || image[5] != 1)
        {
            throw new InvalidDataException(path + " is not a 64-bit little-endian ELF file.");
        }
    }

    private static ushort U16(byte[] b, long at) => (ushort)(b[at] | (b[at + 1] << 8));

    private static uint U32(byte[] b, long at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

    private static ulong U64(byte[] b, long at) => U32(b, at) | ((ulong)U32(b, at + 4) << 32);

    private static string CString(byte[] b, long at)
    {
        long end = at;
        while (end < b.Length && b[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(b, (int)at, (int)(end - at));
    }
}

/// <summary>Finds the host's libstdc++ and asks whether it defines a symbol version.</summary>
public static class HostLibStdCxx
{
    private static readonly string[] Folders =
    {
        "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
        "/usr/lib64", "/lib64", "/usr/lib",
    };

    /// <summary>The path of libstdc++.so.6 on this host, or null when none is found.</summary>
    public static string? Locate()
    {
        foreach (string folder in Folders)
        {
            string candidate = Path.Combine(folder, "libstdc++.so.6");
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }
}

#if !ELF_PATCHER_LIBRARY_ONLY
/// <summary>MSBuild task: weakens <see cref="Version"/> in each of <see cref="Libraries"/> when the host's libstdc++ lacks it.</summary>
public sealed class MarkElfVersionNeedWeak : Microsoft.Build.Utilities.Task
{
    /// <summary>The shared libraries to patch (copies in the build output, never the NuGet cache).</summary>
    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Libraries { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

    /// <summary>The symbol version to weaken, e.g. GLIBCXX_3.4.32.</summary>
    [Microsoft.Build.Framework.Required]
    public string Version { get; set; } = "";

    /// <inheritdoc />
    public override bool Execute()
    {
        string? host = HostLibStdCxx.Locate();
        if (host == null)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "No libstdc++.so.6 found; leaving TorchSharp's native library as it is.");
            return true;
        }

        if (ElfVersionPatcher.DefinesVersion(host, Version))
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, host + " defines " + Version + "; no patch needed.");
            return true;
        }

        foreach (var item in Libraries)
        {
            string path = item.GetMetadata("FullPath");
            ElfPatchResult result = ElfVersionPatcher.MarkVersionNeedWeak(path, Version);
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "TorchSharp ELF fix: " + path + ": " + result + " (" + Version + ", host " + host + ").");
        }

        return !Log.HasLoggedErrors;
    }
}
#endif
