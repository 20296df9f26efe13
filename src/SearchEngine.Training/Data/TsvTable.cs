namespace SearchEngine.Training.Data;

/// <summary>A UTF-8, tab-separated file with a header row, as the shared datasets ship their labels and splits.</summary>
internal sealed class TsvTable
{
    private readonly Dictionary<string, int> columns;

    private TsvTable(string path, Dictionary<string, int> columns, List<string[]> rows)
    {
        Path = path;
        this.columns = columns;
        Rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static TsvTable Read(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"'{path}' is empty; expected a header row.");
        var names = header.Split('\t');
        var columns = names.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        var rows = new List<string[]>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != names.Length)
            {
                throw new InvalidDataException($"'{path}' line {lineNumber} has {cells.Length} cells; the header has {names.Length}.");
            }

            rows.Add(cells);
        }

        return new TsvTable(path, columns, rows);
    }

    public int Column(string name) => columns.TryGetValue(name, out var index)
        ? index
        : throw new InvalidDataException($"'{Path}' has no column '{name}' (columns: {string.Join(", ", columns.Keys)}).");
}
