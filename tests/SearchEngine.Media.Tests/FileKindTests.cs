using System.Net.Sockets;
using SearchEngine.Media.Files;

namespace SearchEngine.Media.Tests;

/// <summary>Only regular files are decoded: pipes, devices and sockets are refused before anything opens them.</summary>
public class FileKindTests
{
    private readonly MediaDecoder _decoder = MediaDecoder.Create();

    [Fact]
    public async Task A_named_pipe_is_refused_without_being_opened()
    {
        using var fifo = new UnopenedFifo(Path.Combine(SampleMedia.Folder, $"pipe-{Guid.NewGuid():N}.wav"));

        var error = await Assert.ThrowsAsync<MediaException>(() => _decoder.DecodeAsync(fifo.Path, 16_000));

        Assert.False(fifo.WasOpened);
        Assert.Equal(MediaStage.Sniff, error.Stage);
        Assert.Contains("named pipe", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_character_device_is_refused()
    {
        var error = await Assert.ThrowsAsync<MediaException>(() => _decoder.DecodeAsync("/dev/zero", 16_000));

        Assert.Contains("character device", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_is_refused()
    {
        var path = Path.Combine(SampleMedia.Folder, $"s-{Guid.NewGuid():N}.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        var error = await Assert.ThrowsAsync<MediaException>(() => _decoder.DecodeAsync(path, 16_000));

        Assert.Contains("socket", error.Reason, StringComparison.Ordinal);
        Assert.Equal(FileKind.Socket, FileFacts.Of(path).Kind);
    }

    [Fact]
    public void File_facts_tell_kinds_sizes_and_final_targets()
    {
        var folder = Directory.CreateTempSubdirectory("searchengine-facts-").FullName;
        var file = Path.Combine(folder, "a.bin");
        File.WriteAllBytes(file, new byte[1234]);
        var link = Path.Combine(folder, "link.bin");
        File.CreateSymbolicLink(link, file);
        Directory.CreateDirectory(Path.Combine(folder, "sub"));

        Assert.Equal(new FileFacts(FileKind.Regular, 1234, FileFacts.Of(file).ModifiedAt), FileFacts.Of(file));
        Assert.Equal(FileKind.SymbolicLink, FileFacts.Of(link, followLinks: false).Kind);
        Assert.Equal(FileKind.Regular, FileFacts.Of(link).Kind);
        Assert.Equal(FileKind.Missing, FileFacts.Of(Path.Combine(folder, "none")).Kind);
        Assert.Equal(file, FileFacts.FinalTarget(link));
        Assert.Equal(file, FileFacts.FinalTarget(Path.Combine(folder, "sub", "..", "link.bin")));
        Assert.Null(FileFacts.FinalTarget(Path.Combine(folder, "none")));
        Assert.True(Math.Abs((FileFacts.Of(file).ModifiedAt - File.GetLastWriteTimeUtc(file)).TotalMilliseconds) < 1);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Media_roots_refuse_links_out_of_them_and_accept_links_within()
    {
        var root = Directory.CreateTempSubdirectory("searchengine-root-").FullName;
        var outside = Directory.CreateTempSubdirectory("searchengine-outside-").FullName;
        File.WriteAllText(Path.Combine(root, "in.txt"), "in");
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret");
        File.CreateSymbolicLink(Path.Combine(root, "inner-link.txt"), Path.Combine(root, "in.txt"));
        File.CreateSymbolicLink(Path.Combine(root, "escape.txt"), Path.Combine(outside, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(root, "dir-link"), outside);
        var roots = new MediaRoots([root]);

        Assert.True(roots.Check(Path.Combine(root, "in.txt")).IsAllowed);
        Assert.True(roots.Check(Path.Combine(root, "inner-link.txt")).IsAllowed);
        Assert.Equal(MediaPathProblem.OutsideRoots, roots.Check(Path.Combine(root, "escape.txt")).Problem);
        Assert.Equal(MediaPathProblem.OutsideRoots, roots.Check(Path.Combine(root, "dir-link", "secret.txt")).Problem);
        Assert.Equal(MediaPathProblem.OutsideRoots, roots.Check(Path.Combine(root, "..", Path.GetFileName(outside), "secret.txt")).Problem);
        Assert.Equal(MediaPathProblem.NotRegularFile, new MediaRoots(["/dev"]).Check("/dev/zero").Problem);
        Assert.Equal(MediaPathProblem.Missing, roots.Check(Path.Combine(root, "gone.txt")).Problem);
        Directory.Delete(root, recursive: true);
        Directory.Delete(outside, recursive: true);
    }
}
