using System.Net.Sockets;
using Npgsql;
using SearchEngine.Ingestion.Pipeline;
using SearchEngine.Media.Tests;
using SearchEngine.Testing;

namespace SearchEngine.Ingestion.Tests;

/// <summary>
/// What the indexer refuses to open: pipes, devices and sockets (which block or never end), and anything whose final
/// target, symlinks followed, lies outside the media roots; manifests may only name files in their own folder.
/// Each is a per-file error, and the job goes on with the good files.
/// </summary>
public sealed class FileSafetyTests(PostgresDatabase database, PackFixture fixture) : IClassFixture<PostgresDatabase>, IClassFixture<PackFixture>, IDisposable
{
    private static readonly TimeSpan JobLimit = TimeSpan.FromMinutes(3);

    private readonly string _scratch = Directory.CreateTempSubdirectory("searchengine-ingest-safety-").FullName;

    [Fact]
    public async Task A_fifo_a_device_link_and_a_socket_in_a_folder_are_per_file_errors_and_never_opened()
    {
        var root = Folder("walk");
        Write(root, "good.txt", "A dog runs along the beach.");
        using var fifo = new UnopenedFifo(Path.Combine(root, "pipe.wav"));
        File.CreateSymbolicLink(Path.Combine(root, "zero.bin"), "/dev/zero");
        using var socket = Socket(Path.Combine(root, "listener.sock"));
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        using var limit = new CancellationTokenSource(JobLimit);

        var summary = await harness.IndexAsync(fixture.Pack, new IndexingRequest("walk-kinds", [root]), limit.Token);

        Assert.Equal(IndexingOutcome.Completed, summary.Outcome);
        Assert.False(fifo.WasOpened, "the indexer opened the FIFO");
        Assert.Equal([Path.Combine(root, "good.txt")], (await Rows.DocumentsAsync(database.ConnectionString, "walk-kinds")).Select(d => d.Uri));
        Assert.Contains("named pipe", Reason(summary, "pipe.wav"), StringComparison.Ordinal);
        Assert.Contains("character device", Reason(summary, "zero.bin"), StringComparison.Ordinal);
        Assert.Contains("socket", Reason(summary, "listener.sock"), StringComparison.Ordinal);
        Assert.All(summary.Failures, f => Assert.Equal(FailureStage.Read, f.Stage));
    }

    [Fact]
    public async Task A_manifest_may_name_only_regular_files_inside_its_folder()
    {
        var root = Folder("listed");
        var outside = Folder("outside");
        Write(root, "good.txt", "A dog runs along the beach.");
        Write(root, "sub/good2.txt", "Two cats sleep in the sun.");
        Write(outside, "secret.txt", "the secret");
        File.CreateSymbolicLink(Path.Combine(root, "escape.txt"), Path.Combine(outside, "secret.txt"));
        using var fifo = new UnopenedFifo(Path.Combine(root, "pipe.wav"));
        File.CreateSymbolicLink(Path.Combine(root, "zero-link.wav"), "/dev/zero");
        using var socket = Socket(Path.Combine(root, "listed.sock"));
        var manifest = Write(root, "list.csv", string.Join('\n',
            "path,caption",
            "good.txt,",
            "sub/../sub/good2.txt,",
            "pipe.wav,",
            "/dev/zero,",
            $"{outside}/secret.txt,",
            "../outside/secret.txt,",
            "escape.txt,",
            "zero-link.wav,",
            "listed.sock,") + "\n");
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        using var limit = new CancellationTokenSource(JobLimit);

        var summary = await harness.IndexAsync(fixture.Pack, new IndexingRequest("listed", [], manifest), limit.Token);

        Assert.Equal(IndexingOutcome.Completed, summary.Outcome);
        Assert.False(fifo.WasOpened, "the indexer opened the FIFO");
        Assert.Equal([Path.Combine(root, "good.txt"), Path.Combine(root, "sub", "good2.txt")],
            (await Rows.DocumentsAsync(database.ConnectionString, "listed")).Select(d => d.Uri));
        Assert.Contains("named pipe", Reason(summary, "pipe.wav"), StringComparison.Ordinal);
        Assert.Contains("'/dev/zero' is absolute", Reason(summary, "list.csv:5"), StringComparison.Ordinal);
        Assert.Contains("is absolute", Reason(summary, "list.csv:6"), StringComparison.Ordinal);
        Assert.Contains("leads out of the manifest's folder", Reason(summary, "list.csv:7"), StringComparison.Ordinal);
        Assert.Contains("outside the media roots", Reason(summary, "escape.txt"), StringComparison.Ordinal);
        Assert.Contains("character device", Reason(summary, "zero-link.wav"), StringComparison.Ordinal);
        Assert.Contains("socket", Reason(summary, "listed.sock"), StringComparison.Ordinal);
        Assert.Equal(7, summary.Failures.Count);
    }

    [Fact]
    public async Task Symlinks_out_of_an_indexed_folder_are_refused_and_links_within_it_are_indexed()
    {
        var root = Folder("links");
        var outside = Folder("elsewhere");
        Write(root, "a.txt", "A dog runs along the beach.");
        Write(outside, "secret.txt", "the secret");
        Write(outside, "deep/other.txt", "another secret");
        File.CreateSymbolicLink(Path.Combine(root, "inner.txt"), Path.Combine(root, "a.txt"));
        File.CreateSymbolicLink(Path.Combine(root, "escape.txt"), Path.Combine(outside, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(root, "dotdot.txt"), Path.Combine(root, "..", Path.GetFileName(outside), "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(root, "folder-link"), Path.Combine(outside, "deep"));
        await using var harness = await Harness.CreateAsync(database.ConnectionString);

        var summary = await harness.IndexAsync(fixture.Pack, new IndexingRequest("links", [root]));

        var documents = await Rows.DocumentsAsync(database.ConnectionString, "links");
        Assert.Equal([Path.Combine(root, "a.txt"), Path.Combine(root, "inner.txt")], documents.Select(d => d.Uri));
        Assert.Contains("outside the media roots", Reason(summary, "escape.txt"), StringComparison.Ordinal);
        Assert.Contains("outside the media roots", Reason(summary, "dotdot.txt"), StringComparison.Ordinal);
        Assert.DoesNotContain(summary.Failures, f => f.Path.Contains("folder-link", StringComparison.Ordinal)); // never entered
        Assert.Equal(2, summary.Failures.Count);
    }

    [Fact]
    public async Task Configured_media_roots_refuse_folders_outside_them_and_documents_record_what_serving_checks()
    {
        var allowed = Folder("allowed");
        var other = Folder("not-allowed");
        Write(allowed, "in.txt", "A dog runs along the beach.");
        Write(other, "out.txt", "Two cats sleep in the sun.");
        await using var harness = await Harness.CreateAsync(database.ConnectionString, media: o => o.Roots.Add(allowed));

        var inside = await harness.IndexAsync(fixture.Pack, new IndexingRequest("roots", [allowed]));
        var outside = await harness.IndexAsync(fixture.Pack, new IndexingRequest("roots", [other]));

        Assert.Empty(inside.Failures);
        Assert.Contains("outside the media roots", Reason(outside, "out.txt"), StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT uri, media_type, final_path, file_modified_at FROM documents WHERE uri LIKE $1", connection);
        command.Parameters.AddWithValue(allowed + "/%");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("text/txt", reader.GetString(1));
        Assert.Equal(Path.Combine(allowed, "in.txt"), reader.GetString(2));
        Assert.Equal(new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(allowed, "in.txt"))), reader.GetFieldValue<DateTimeOffset>(3), TimeSpan.FromMilliseconds(1));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task A_document_indexed_before_media_facts_were_recorded_is_indexed_again_once()
    {
        var root = Folder("before-v002");
        Write(root, "old.txt", "A dog runs along the beach.");
        Write(root, "new.txt", "Two cats sleep in the sun.");
        await using var harness = await Harness.CreateAsync(database.ConnectionString);
        await harness.IndexAsync(fixture.Pack, new IndexingRequest("before-v002", [root]));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var forget = new NpgsqlCommand("UPDATE documents SET media_type = NULL, final_path = NULL, file_modified_at = NULL WHERE uri = $1", connection))
        {
            forget.Parameters.AddWithValue(Path.Combine(root, "old.txt"));
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        var again = await harness.IndexAsync(fixture.Pack, new IndexingRequest("before-v002", [root]));
        var onceMore = await harness.IndexAsync(fixture.Pack, new IndexingRequest("before-v002", [root]));

        Assert.Equal((1L, 1L), (again.Indexed, again.Skipped));
        Assert.Equal((0L, 2L), (onceMore.Indexed, onceMore.Skipped));
        await using var read = new NpgsqlCommand("SELECT media_type FROM documents WHERE uri = $1", connection);
        read.Parameters.AddWithValue(Path.Combine(root, "old.txt"));
        Assert.Equal("text/txt", await read.ExecuteScalarAsync());
    }

    [Fact]
    public async Task With_configured_roots_a_manifest_may_name_absolute_paths_inside_them_and_nothing_outside()
    {
        var data = Folder("data-root");
        var lists = Folder("lists");
        var outside = Folder("outside-root");
        Write(data, "in.txt", "A dog runs along the beach.");
        Write(outside, "secret.txt", "the secret");
        var manifest = Write(lists, "list.csv", string.Join('\n',
            "path,caption",
            $"{Path.Combine(data, "in.txt")},inside",
            $"{Path.Combine(outside, "secret.txt")},outside",
            "../outside-root/secret.txt,dot-dot outside",
            "~/in.txt,tilde"));
        await using var harness = await Harness.CreateAsync(database.ConnectionString, media: o => o.Roots.Add(data));

        var summary = await harness.IndexAsync(fixture.Pack, new IndexingRequest("rooted-manifest", [], manifest));

        Assert.Equal([Path.Combine(data, "in.txt")], (await Rows.DocumentsAsync(database.ConnectionString, "rooted-manifest")).Select(d => d.Uri));
        Assert.Equal(2, summary.Failures.Count(f => f.Reason.Contains("outside the media roots", StringComparison.Ordinal)));
        Assert.Contains("only a shell expands", Reason(summary, "list.csv:5"), StringComparison.Ordinal);
        Assert.Equal(3, summary.Failures.Count);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static string Reason(IndexingSummary summary, string pathEnd) =>
        summary.Failures.SingleOrDefault(f => f.Path.EndsWith(pathEnd, StringComparison.Ordinal))?.Reason
        ?? throw new Xunit.Sdk.XunitException($"no failure for {pathEnd}; failures: {string.Join("; ", summary.Failures.Select(f => $"{f.Path}: {f.Reason}"))}");

    private static Socket Socket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_scratch, name)).FullName;

    private static string Write(string folder, string relative, string content)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
