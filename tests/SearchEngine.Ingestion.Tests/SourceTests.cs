using System.Text.Json;
using SearchEngine.Ingestion.Sources;

namespace SearchEngine.Ingestion.Tests;

/// <summary>Folder walks and manifests: what they yield, and how bad input is reported.</summary>
public sealed class SourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("searchengine-ingest-sources-").FullName;

    [Fact]
    public async Task A_folder_walk_attaches_sidecars_skips_hidden_files_and_recurses_in_order()
    {
        Write("b/photo.jpg", "x");
        Write("b/photo.txt", "caption");
        Write("b/photo.jpg.json", "{}");
        Write("a/notes.txt", "a standalone text");
        Write(".hidden/secret.jpg", "x");
        Write("a/.DS_Store", "x");

        var files = await ToListAsync(FolderSource.EnumerateAsync(_folder));

        Assert.Equal([Path.Combine(_folder, "a", "notes.txt"), Path.Combine(_folder, "b", "photo.jpg")], files.Select(f => f.Path));
        Assert.Equal([Path.Combine(_folder, "b", "photo.jpg.json"), Path.Combine(_folder, "b", "photo.txt")], files[1].Sidecars.Order(StringComparer.Ordinal));
        Assert.Empty(files[0].Sidecars);
    }

    [Fact]
    public async Task A_missing_folder_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() => ToListAsync(FolderSource.EnumerateAsync(Path.Combine(_folder, "nope"))));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_manifest_reads_quoted_fields_relative_paths_and_metadata()
    {
        Write("img/a.jpg", "x");
        Write("img/a.txt", "sidecar caption");
        Write("list.csv", "path,caption,title,place\nimg/a.jpg,\"A dog, running\",Dog,\"Paris \"\"FR\"\"\"\n,missing path,,\nimg/b.jpg,,,\n");

        var files = await ToListAsync(ManifestSource.EnumerateAsync(Path.Combine(_folder, "list.csv")));

        Assert.Equal(3, files.Count);
        Assert.Equal(Path.Combine(_folder, "img", "a.jpg"), files[0].Path);
        Assert.Equal("A dog, running", files[0].Caption);
        Assert.Equal("Dog", files[0].Title);
        Assert.Equal("Paris \"FR\"", files[0].Metadata!.Value.GetProperty("place").GetString());
        Assert.Equal([Path.Combine(_folder, "img", "a.txt")], files[0].Sidecars);
        Assert.NotNull(files[1].Problem);
        Assert.Contains("line 3", files[1].Problem, StringComparison.Ordinal);
        Assert.Null(files[2].Problem);
        Assert.Null(files[2].Caption);
    }

    [Fact]
    public async Task Tsv_and_jsonl_manifests_read_their_columns()
    {
        Write("x.wav", "x");
        Write("m.tsv", "file\ttitle\tclass\nx.wav\tA bark\tdog_bark\n");
        Write("m.jsonl", "{\"path\": \"y.png\", \"caption\": \"a cat\", \"tags\": [\"pet\"], \"year\": 2020}\nnot json\n[1]\n");

        var tsv = await ToListAsync(ManifestSource.EnumerateAsync(Path.Combine(_folder, "m.tsv")));
        var jsonl = await ToListAsync(ManifestSource.EnumerateAsync(Path.Combine(_folder, "m.jsonl")));

        Assert.Equal(Path.Combine(_folder, "x.wav"), tsv.Single().Path);
        Assert.Equal("A bark", tsv.Single().Title);
        Assert.Equal("dog_bark", tsv.Single().Metadata!.Value.GetProperty("class").GetString());
        Assert.Equal(Path.Combine(_folder, "y.png"), jsonl[0].Path);
        Assert.Equal("a cat", jsonl[0].Caption);
        Assert.Equal(JsonValueKind.Array, jsonl[0].Metadata!.Value.GetProperty("tags").ValueKind);
        Assert.Equal(2020, jsonl[0].Metadata!.Value.GetProperty("year").GetInt32());
        Assert.Contains("not valid JSON", jsonl[1].Problem, StringComparison.Ordinal);
        Assert.Contains("not an object", jsonl[2].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_without_a_path_column_or_of_an_unknown_format_is_a_clear_error()
    {
        Write("bad.csv", "caption,title\na,b\n");
        Write("bad.xlsx", "x");

        var noPath = Assert.Throws<SourceException>(() => ManifestSource.EnumerateAsync(Path.Combine(_folder, "bad.csv")).GetAsyncEnumerator().MoveNextAsync().AsTask().GetAwaiter().GetResult());
        var format = Assert.Throws<SourceException>(() => ManifestSource.EnumerateAsync(Path.Combine(_folder, "bad.xlsx")));

        Assert.Contains("no path column", noPath.Message, StringComparison.Ordinal);
        Assert.Contains(".csv, .tsv or .jsonl", format.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static async Task<List<SourceFile>> ToListAsync(IAsyncEnumerable<SourceFile> source)
    {
        var list = new List<SourceFile>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
