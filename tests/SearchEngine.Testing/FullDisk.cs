using System.Diagnostics;

namespace SearchEngine.Testing;

/// <summary>
/// A folder whose writes really fail for lack of space: as root, a small tmpfs mounted for the test and filled; as
/// another user (no mount), a folder made read-only, so a write still really fails (with EACCES instead of ENOSPC).
/// </summary>
public sealed class FullDisk : IDisposable
{
    private readonly bool _mounted;

    private FullDisk(string folder, bool mounted)
    {
        Folder = folder;
        _mounted = mounted;
    }

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <summary>Whether writes fail with ENOSPC (a full tmpfs) rather than EACCES.</summary>
    public bool IsOutOfSpace => _mounted;

    /// <summary>Mounts (or makes) the full folder.</summary>
    public static FullDisk Create()
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-full-").FullName;
        if (Environment.UserName == "root")
        {
            Run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", folder);
            // Fill it: every later write of a byte fails with ENOSPC.
            try
            {
                using var filler = new FileStream(Path.Combine(folder, "filler"), FileMode.Create);
                var block = new byte[4096];
                while (true)
                {
                    filler.Write(block);
                    filler.Flush();
                }
            }
            catch (IOException)
            {
            }

            return new FullDisk(folder, mounted: true);
        }

        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("A full disk is made with tmpfs or Unix permissions.");
        }

        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return new FullDisk(folder, mounted: false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_mounted)
        {
            Run("umount", Folder);
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.Delete(Folder, recursive: true);
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(program, arguments);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}");
        }
    }
}
