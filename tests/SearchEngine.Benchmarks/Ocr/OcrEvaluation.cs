using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using SearchEngine.Benchmarks.Fingerprints;
using SearchEngine.Benchmarks.Query;
using SearchEngine.Collections.Lexical;
using SearchEngine.Media.Images;
using SearchEngine.Ocr;
using SearchEngine.Ocr.Detection;

namespace SearchEngine.Benchmarks.Ocr;

/// <summary>
/// ocr-evaluate: the OCR benchmark's figures, from a collection of the generated pictures indexed and read by the
/// enrichment pass (ocr-enrich) and served by the running query API:
/// <list type="bullet">
/// <item>word recall and precision of the stored text (segments of kind 'ocr') against the words drawn: case-insensitive
/// runs of letters and digits, matched as multisets per picture; words read on text-free pictures count against precision;</item>
/// <item>R@1 and R@10 of one text query per text picture (truth.tsv's query: 1–3 of its words) through GET /api/search,
/// separately for upright and rotated text: a hit when the picture is among the first 1 / 10 results;</item>
/// <item>the presence check alone (<see cref="PictureTextReader.DetectLines"/> on each picture decoded as the pass decodes
/// it): text-free pictures with no line (skipped) and text pictures with no line (missed), and its time;</item>
/// <item>the pass's pictures/s from ocr-enrich's files (text-free collection; all pictures).</item>
/// </list>
/// Each R@10 miss is put down to its first cause: no line detected, a line but none of the query's words read, or the
/// words read but the picture ranked below 10th. Prints a table with the goals and, last, one line of JSON.
/// </summary>
internal static class OcrEvaluation
{
    private const double GoalR10Upright = 0.95;
    private const double GoalR10Rotated = 0.85;
    private const double GoalSkip = 0.70;
    private const double GoalMiss = 0.03;
    private const double GoalPicturesPerSecond = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(Arguments.Value(args, "--url", null) ?? throw new ArgumentException("--url is required."));
        var set = Arguments.Value(args, "--set", null) ?? throw new ArgumentException("--set FOLDER (ocr-prepare's output) is required.");
        var name = Arguments.Value(args, "--collection", null) ?? throw new ArgumentException("--collection NAME is required.");
        var plainRun = ReadRun(Arguments.Value(args, "--enrich-no-text", null) ?? throw new ArgumentException("--enrich-no-text FILE is required."));
        var allRun = ReadRun(Arguments.Value(args, "--enrich-all", null) ?? throw new ArgumentException("--enrich-all FILE is required."));
        var resultsFile = Arguments.Value(args, "--results", null);

        var truth = OcrTruth.Read(Path.Combine(set, OcrTruth.FileName));
        await using var services = await BenchServices.StartAsync(BenchServices.ConnectionString(args), configure: s => s.AddSearchEngineOcr());
        var stored = await StoredTextAsync(services.GetRequiredService<NpgsqlDataSource>(), name);
        var missing = truth.Where(t => !stored.ContainsKey(t.File)).Select(t => t.File).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{missing.Count} pictures are not in collection {name} (first {missing[0]}).");
        }

        var detection = Detect(services, truth.Select(t => Path.Combine(set, OcrPictureSet.PictureFolder, t.File)).ToList());
        var pictures = truth.Select((t, i) => new Picture(t, stored[t.File].Text, stored[t.File].Outcome, detection.Lines[i].Count, OnSign(t, detection.Lines[i]))).ToList();

        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(1) };
        var clock = Stopwatch.StartNew();
        foreach (var picture in pictures.Where(p => p.Truth.HasText))
        {
            (picture.Rank, picture.TopFile, picture.Explained) = await SearchAsync(client, name, picture.Truth.Query, picture.Truth.File);
        }

        var queryMs = clock.Elapsed.TotalMilliseconds / Math.Max(1, pictures.Count(p => p.Truth.HasText));
        if (resultsFile is not null)
        {
            WriteResults(resultsFile, pictures);
        }

        Report(pictures, detection, plainRun, allRun, queryMs);
        return 0;
    }

    private sealed class Picture(OcrTruth truth, string read, string outcome, int lines, bool signFound)
    {
        public OcrTruth Truth { get; } = truth;

        /// <summary>The stored text read in the picture (its OCR segments' text), empty when none.</summary>
        public string Read { get; } = read;

        public string Outcome { get; } = outcome;

        /// <summary>Lines the presence check found.</summary>
        public int Lines { get; } = lines;

        /// <summary>Whether one of the lines lies on the drawn sign (false for a picture without text).</summary>
        public bool SignFound { get; } = signFound;

        /// <summary>The picture's place in its query's results (1-based), or 0 when not among them.</summary>
        public int Rank { get; set; }

        public string TopFile { get; set; } = "";

        /// <summary>Whether the picture's hit said it matched by text in the picture.</summary>
        public bool Explained { get; set; }

        public int Matched => MatchedWords(Truth.Words, OcrTruth.Tokens(Read));

        public bool InTop(int k) => Rank >= 1 && Rank <= k;

        /// <summary>Why a query missed its picture's top 10 (null: it did not).</summary>
        public string? Cause => !Truth.HasText || InTop(10) ? null
            : Lines == 0 ? "no line detected"
            : !SignFound && !Terms(Truth.Query).Overlaps(Terms(Read)) ? "lines detected, none on the sign"
            : !Terms(Truth.Query).Overlaps(Terms(Read)) ? (Read.Length == 0 ? "sign detected, nothing read" : "sign detected, query words misread")
            : "query words read, ranked below 10";
    }

    private sealed record Run(int Pictures, double Seconds, double PerSecond, double CpuPerPicture, long WithText, long Failed, string LoadBefore, string LoadAfter)
    {
        public string Load => $"{LoadBefore}→{LoadAfter}";
    }

    private sealed record Detection(IReadOnlyList<TextLine>[] Lines, List<double> DecodeMs, List<double> DetectMs);

    private static Run ReadRun(string path)
    {
        var json = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        return new Run(json.GetProperty("pictures").GetInt32(), json.GetProperty("seconds").GetDouble(), json.GetProperty("pictures_per_s").GetDouble(),
            json.GetProperty("cpu_s_per_picture").GetDouble(), json.GetProperty("with_text").GetInt64(), json.GetProperty("failed").GetInt64(),
            json.GetProperty("load_before").GetString()!, json.GetProperty("load_after").GetString()!);
    }

    /// <summary>Per file name: the text stored for the picture (its OCR segments, joined) and the pass's outcome.</summary>
    private static async Task<Dictionary<string, (string Text, string Outcome)>> StoredTextAsync(NpgsqlDataSource database, string collection)
    {
        await using var command = database.CreateCommand(
            """
            SELECT d.uri, coalesce(e.outcome, 'not read'),
                   coalesce((SELECT string_agg(s.text, E'\n' ORDER BY s.id) FROM segments AS s WHERE s.document_id = d.id AND s.kind = 'ocr'), '')
            FROM documents AS d
            JOIN collections AS c ON c.id = d.collection_id
            LEFT JOIN enrichments AS e ON e.document_id = d.id AND e.pass = 'ocr' AND e.content_sha256 = d.content_sha256
            WHERE c.name = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection });
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            stored[Path.GetFileName(reader.GetString(0))] = (reader.GetString(2), reader.GetString(1));
        }

        return stored;
    }

    /// <summary>The presence check on each picture, decoded as the pass decodes it (shorter side Ocr:ImageShortSide), one at a time.</summary>
    private static Detection Detect(IServiceProvider services, IReadOnlyList<string> files)
    {
        var reader = services.GetRequiredService<PictureTextReader>();
        var decoder = services.GetRequiredService<ImageDecoder>();
        var shortSide = services.GetRequiredService<IOptions<OcrOptions>>().Value.ImageShortSide;
        var lines = new IReadOnlyList<TextLine>[files.Count];
        var decodeMs = new List<double>(files.Count);
        var detectMs = new List<double>(files.Count);
        _ = reader.DetectLines(decoder.Decode(files[0], shortSide)); // JIT outside the timings
        for (var i = 0; i < files.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var image = decoder.Decode(files[i], shortSide);
            var decoded = Stopwatch.GetTimestamp();
            lines[i] = reader.DetectLines(image);
            decodeMs.Add(Stopwatch.GetElapsedTime(started, decoded).TotalMilliseconds);
            detectMs.Add(Stopwatch.GetElapsedTime(decoded).TotalMilliseconds);
        }

        return new Detection(lines, decodeMs, detectMs);
    }

    /// <summary>
    /// Whether a detected line lies on the sign drawn on <paramref name="picture"/>: the line's box and the sign's overlap
    /// by at least half of the smaller one (a line of the photo's texture beside the sign does not count; a line that
    /// holds one word of the sign, or the sign and a blob of the photo beside it, does).
    /// </summary>
    private static bool OnSign(OcrTruth picture, IReadOnlyList<TextLine> lines)
    {
        if (!picture.HasText)
        {
            return false;
        }

        var (left, top, right, bottom) = OcrPictureSet.Box(picture);
        return lines.Any(l =>
        {
            var width = Math.Min(right, l.Left + l.Width) - Math.Max(left, l.Left);
            var height = Math.Min(bottom, l.Top + l.Height) - Math.Max(top, l.Top);
            return width > 0 && height > 0 && width * height >= 0.5 * Math.Min((double)l.Width * l.Height, (right - left) * (bottom - top));
        });
    }

    /// <summary>The query through GET /api/search (k = 10): where <paramref name="target"/> ranks (0: not in the results), the top file, and whether its hit was explained by text in the picture.</summary>
    private static async Task<(int Rank, string Top, bool Explained)> SearchAsync(HttpClient client, string collection, string query, string target)
    {
        using var response = await client.GetAsync(new Uri($"/api/search?collection={Uri.EscapeDataString(collection)}&q={Uri.EscapeDataString(query)}&k=10", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The search for '{query}' answered {(int)response.StatusCode}: {body}");
        }

        var results = JsonDocument.Parse(body).RootElement.GetProperty("results").EnumerateArray().ToList();
        var files = results.Select(r => Path.GetFileName(r.GetProperty("uri").GetString()!)).ToList();
        var index = files.IndexOf(target);
        var explained = index >= 0 && results[index].TryGetProperty("text_in_picture", out var text) && text.ValueKind == JsonValueKind.Object;
        return (index + 1, files.FirstOrDefault() ?? "", explained);
    }

    private static void Report(List<Picture> pictures, Detection detection, Run plainRun, Run allRun, double queryMs)
    {
        var text = pictures.Where(p => p.Truth.HasText).ToList();
        var upright = text.Where(p => !p.Truth.Rotated).ToList();
        var rotated = text.Where(p => p.Truth.Rotated).ToList();
        var plain = pictures.Where(p => !p.Truth.HasText).ToList();

        var drawn = text.Sum(p => p.Truth.Words.Count);
        var matched = text.Sum(p => p.Matched);
        var readWords = pictures.Sum(p => OcrTruth.Tokens(p.Read).Count);
        var readOnPlain = plain.Sum(p => OcrTruth.Tokens(p.Read).Count);
        var recall = Ratio(matched, drawn);
        var precision = Ratio(matched, readWords);
        var skip = Ratio(plain.Count(p => p.Lines == 0), plain.Count);
        var miss = Ratio(text.Count(p => p.Lines == 0), text.Count);
        var signMissed = Ratio(text.Count(p => !p.SignFound), text.Count);
        double R(List<Picture> set, int k) => Ratio(set.Count(p => p.InTop(k)), set.Count);

        // Queries another picture's sign also answers (all their terms drawn there too): the target may tie.
        var terms = text.ToDictionary(p => p.Truth.File, p => Terms(p.Truth.Text));
        var shared = text.Count(p => text.Any(o => o != p && Terms(p.Truth.Query).IsSubsetOf(terms[o.Truth.File])));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"OCR benchmark: {pictures.Count} pictures 640×480 on ImageNet-sample photos, {upright.Count} with upright text, {rotated.Count} with rotated text (90/180/270°), {plain.Count} without text"));
        Console.WriteLine();
        Console.WriteLine($"{"figure",-62} {"value",12}  {"goal",-8} {"",-7}");
        Row("text query R@10, upright text", Percent(R(upright, 10)), $"≥ {GoalR10Upright:P0}", R(upright, 10) >= GoalR10Upright);
        Row("text query R@10, rotated text", Percent(R(rotated, 10)), $"≥ {GoalR10Rotated:P0}", R(rotated, 10) >= GoalR10Rotated);
        Row("text query R@10, all text (upright and rotated)", Percent(R(text, 10)), $"≥ {GoalR10Rotated:P0}", R(text, 10) >= GoalR10Rotated);
        Row("text query R@1, upright / rotated / all", $"{Percent(R(upright, 1))} / {Percent(R(rotated, 1))} / {Percent(R(text, 1))}", "", null);
        Row($"word recall ({matched} of {drawn} words drawn read)", Percent(recall), "", null);
        Row($"word precision ({readWords} words read, {readOnPlain} on text-free pictures)", Percent(precision), "", null);
        Row("word precision on the text pictures alone", Percent(Ratio(matched, readWords - readOnPlain)), "", null);
        Row($"presence check: text-free pictures skipped ({plain.Count(p => p.Lines == 0)} of {plain.Count})", Percent(skip), $"≥ {GoalSkip:P0}", skip >= GoalSkip);
        Row($"presence check: text pictures missed ({text.Count(p => p.Lines == 0)} of {text.Count})", Percent(miss), $"≤ {GoalMiss:P0}", miss <= GoalMiss);
        Row($"presence check: text pictures with no line on the sign ({text.Count(p => !p.SignFound)})", Percent(signMissed), "", null);
        Row($"enrichment, text-free pictures only ({plainRun.Pictures}, {plainRun.Seconds:0.0} s)", $"{plainRun.PerSecond:0.0}/s", $"≥ {GoalPicturesPerSecond}/s", plainRun.PerSecond >= GoalPicturesPerSecond);
        Row($"enrichment, all pictures ({allRun.Pictures}, {allRun.Seconds:0.0} s)", $"{allRun.PerSecond:0.0}/s", "", null);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"enrichment: 2 workers; CPU (process and Tesseract) {plainRun.CpuPerPicture * 1000:0} ms a text-free picture, {allRun.CpuPerPicture * 1000:0} ms a picture of the full set " +
            $"(so at most {2 / plainRun.CpuPerPicture:0.0} and {2 / allRun.CpuPerPicture:0.0} pictures/s on 2 free cores); " +
            $"load average {plainRun.Load} and {allRun.Load}; read with text: {allRun.WithText} of {allRun.Pictures} (text-free set {plainRun.WithText}); failed {allRun.Failed + plainRun.Failed}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"presence check alone, one thread: decode p50 {Percentile.Of(detection.DecodeMs, 50):0.0} ms, detect p50 {Percentile.Of(detection.DetectMs, 50):0.0} ms, p95 {Percentile.Of(detection.DetectMs, 95):0.0} ms; " +
            $"false lines on text-free pictures: {plain.Where(p => p.Lines > 0).Sum(p => p.Lines)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"queries: {text.Count} ({queryMs:0.0} ms each); {shared} have all their words on another picture too; {text.Count(p => p.Explained)} targets found were explained by text in the picture"));

        Console.WriteLine();
        Console.WriteLine($"{"text pictures by kind",-28} {"pictures",8} {"any line",9} {"on sign",9} {"all read",9} {"recall",8} {"R@1",7} {"R@10",7}");
        Breakdown("upright, on a plate", upright.Where(p => p.Truth.Plate));
        Breakdown("upright, outlined", upright.Where(p => !p.Truth.Plate));
        foreach (var angle in new[] { 90, 180, 270 })
        {
            Breakdown($"turned {angle}°", rotated.Where(p => p.Truth.Angle == angle));
        }

        Breakdown("size 20–31 px", text.Where(p => p.Truth.Size < 32));
        Breakdown("size 32–47 px", text.Where(p => p.Truth.Size is >= 32 and < 48));
        Breakdown("size 48–64 px", text.Where(p => p.Truth.Size >= 48));
        Breakdown("capitals", text.Where(p => p.Truth.Upper));
        Breakdown("title case", text.Where(p => !p.Truth.Upper));
        Breakdown("one word", text.Where(p => p.Truth.Words.Count == 1));
        Breakdown("two or three words", text.Where(p => p.Truth.Words.Count > 1));
        foreach (var font in text.GroupBy(p => p.Truth.Font).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Breakdown(Path.GetFileNameWithoutExtension(font.Key), font);
        }

        var misses = text.Where(p => p.Cause is not null).ToList();
        Console.WriteLine();
        Console.WriteLine($"R@10 misses by first cause: {misses.Count} of {text.Count}");
        foreach (var cause in misses.GroupBy(p => p.Cause!).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"  {cause.Key,-36} {cause.Count(),4} ({cause.Count(p => !p.Truth.Rotated)} upright, {cause.Count(p => p.Truth.Rotated)} rotated; {cause.Count(p => p.Truth.Plate)} on a plate, {cause.Count(p => !p.Truth.Plate)} outlined)");
        }

        foreach (var p in misses.Take(16))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {p.Truth.File} '{p.Truth.Text}' {p.Truth.Angle}° {p.Truth.Size} px {(p.Truth.Plate ? "plate" : "outline")} {Path.GetFileNameWithoutExtension(p.Truth.Font)}: query '{p.Truth.Query}', read '{p.Read.Replace('\n', '|')}', lines {p.Lines}, top {p.TopFile}"));
        }

        var readOnTextFree = plain.Where(p => OcrTruth.Tokens(p.Read).Count > 0).ToList();
        Console.WriteLine();
        Console.WriteLine($"text read on {readOnTextFree.Count} text-free pictures (nothing was drawn on them, but some photos hold real text: look before counting it wrong)");
        foreach (var p in readOnTextFree)
        {
            var read = p.Read.Replace('\n', '|');
            Console.WriteLine($"  {p.Truth.File} ({Path.GetFileNameWithoutExtension(p.Truth.Photo)}): '{(read.Length > 70 ? read[..67] + "..." : read)}'");
        }

        var upright10 = R(upright, 10);
        var rotated10 = R(rotated, 10);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["r10_upright"] = Round(upright10),
            ["r10_rotated"] = Round(rotated10),
            ["r10_all"] = Round(R(text, 10)),
            ["r1_upright"] = Round(R(upright, 1)),
            ["r1_rotated"] = Round(R(rotated, 1)),
            ["r1_all"] = Round(R(text, 1)),
            ["word_recall"] = Round(recall),
            ["word_precision"] = Round(precision),
            ["word_precision_text_pictures"] = Round(Ratio(matched, readWords - readOnPlain)),
            ["skip_rate"] = Round(skip),
            ["miss_rate"] = Round(miss),
            ["sign_missed_rate"] = Round(signMissed),
            ["pictures_per_s"] = Math.Round(plainRun.PerSecond, 2),
            ["pictures_per_s_all"] = Math.Round(allRun.PerSecond, 2),
            ["pictures"] = pictures.Count,
            ["text_pictures"] = text.Count,
            ["rotated_pictures"] = rotated.Count,
            ["detect_ms_p50"] = Math.Round(Percentile.Of(detection.DetectMs, 50), 2),
            ["load_average"] = new[] { plainRun.LoadBefore, plainRun.LoadAfter, allRun.LoadBefore, allRun.LoadAfter }.Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray(),
            ["cpu_ms_per_picture"] = Math.Round(plainRun.CpuPerPicture * 1000, 1),
            ["cpu_ms_per_picture_all"] = Math.Round(allRun.CpuPerPicture * 1000, 1),
            ["goal_r10_upright_met"] = upright10 >= GoalR10Upright,
            ["goal_r10_rotated_met"] = rotated10 >= GoalR10Rotated,
            ["goal_r10_all_met"] = R(text, 10) >= GoalR10Rotated,
            ["goal_skip_met"] = skip >= GoalSkip,
            ["goal_miss_met"] = miss <= GoalMiss,
            ["goal_pictures_per_s_met"] = plainRun.PerSecond >= GoalPicturesPerSecond,
        }));
    }

    private static void Row(string figure, string value, string goal, bool? met) =>
        Console.WriteLine($"{figure,-62} {value,12}  {goal,-8} {(met is null ? "" : met.Value ? "met" : "NOT met")}");

    private static void Breakdown(string kind, IEnumerable<Picture> set)
    {
        var list = set.ToList();
        if (list.Count == 0)
        {
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind,-28} {list.Count,8} {Percent(Ratio(list.Count(p => p.Lines > 0), list.Count)),9} {Percent(Ratio(list.Count(p => p.SignFound), list.Count)),9} {Percent(Ratio(list.Count(p => p.Matched == p.Truth.Words.Count), list.Count)),9} " +
            $"{Percent(Ratio(list.Sum(p => p.Matched), list.Sum(p => p.Truth.Words.Count))),8} {Percent(Ratio(list.Count(p => p.InTop(1)), list.Count)),7} {Percent(Ratio(list.Count(p => p.InTop(10)), list.Count)),7}"));
    }

    private static void WriteResults(string path, List<Picture> pictures) =>
        File.WriteAllLines(path, ["file\ttext\tangle\tsize\tplate\tlines\toutcome\tread\tquery\trank\ttop\tcause", .. pictures.Select(p => string.Join('\t',
            p.Truth.File, p.Truth.Text, p.Truth.Angle.ToString(CultureInfo.InvariantCulture), p.Truth.Size.ToString(CultureInfo.InvariantCulture),
            p.Truth.HasText ? (p.Truth.Plate ? "plate" : "outline") : "", p.Lines.ToString(CultureInfo.InvariantCulture), p.Outcome, p.Read.Replace('\n', '|'),
            p.Truth.Query, p.Truth.HasText ? p.Rank.ToString(CultureInfo.InvariantCulture) : "", p.TopFile, p.Cause ?? ""))]);

    /// <summary>Words of <paramref name="drawn"/> found in <paramref name="read"/>, each read word used once.</summary>
    private static int MatchedWords(IReadOnlyList<string> drawn, IReadOnlyList<string> read)
    {
        var left = read.GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var matched = 0;
        foreach (var word in drawn)
        {
            if (left.TryGetValue(word, out var count) && count > 0)
            {
                left[word] = count - 1;
                matched++;
            }
        }

        return matched;
    }

    /// <summary>The search's terms of <paramref name="text"/> (the query analyser: lower-cased, stop words dropped, stemmed).</summary>
    private static HashSet<string> Terms(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        Span<char> term = stackalloc char[EnglishAnalyzer.MaxTermLength];
        var position = 0;
        int length;
        while ((length = EnglishAnalyzer.NextTerm(text, ref position, term)) > 0)
        {
            terms.Add(term[..length].ToString());
        }

        return terms;
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static double Round(double value) => Math.Round(value, 4);

    private static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.0} %");
}
