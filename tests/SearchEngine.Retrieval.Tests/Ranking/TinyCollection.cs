using System.Text.Json;
using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Core.Vectors;
using SearchEngine.Embeddings.Towers;
using SearchEngine.Index;
using SearchEngine.Serving;
using SearchEngine.Storage.Documents;
using SearchEngine.Storage.Segments;

namespace SearchEngine.Retrieval.Tests.Ranking;

/// <summary>
/// A five-document collection in a real 4-dimensional HNSW index, served as the query pipeline sees it, with a text
/// tower that knows one word. Against the query "kite" (the first axis) the documents' best similarities are, in order:
/// the video (3 segments, best 0.999), the red kite image (0.994), the birdsong audio (0.70), the kites text (0.6) and
/// the field image (0).
/// </summary>
internal sealed class TinyCollection : ICollectionServing, IDisposable
{
    public const string Name = "tiny";
    public const long Video = 2, KiteImage = 1, Birdsong = 3, KitesText = 5, FieldImage = 4;

    private static readonly (long Document, Modality Modality, string Caption, (long Id, float[] Vector)[] Segments)[] Documents =
    [
        (KiteImage, Modality.Image, "a red kite", [(11, [0.9f, 0.1f, 0, 0])]),
        (Video, Modality.Video, "a black dog", [(21, [1, 0.05f, 0, 0]), (22, [0.5f, 0.5f, 0, 0]), (23, [0.2f, 1, 0, 0])]),
        (Birdsong, Modality.Audio, "birdsong at dawn", [(31, [0.7f, 0.7f, 0.1f, 0])]),
        (FieldImage, Modality.Image, "a green field", [(41, [0, 0, 1, 0])]),
        (KitesText, Modality.Text, "notes on kites", [(51, [0.6f, 0, 0.8f, 0])]),
    ];

    private readonly HnswIndex _index = new(new HnswOptions { Dimension = 4, Metric = DistanceMetric.Cosine });
    private readonly ServedCollection _served;

    public TinyCollection()
    {
        var summaries = new List<DocumentSummary>();
        var locations = new List<SegmentLocation>();
        foreach (var (document, modality, caption, segments) in Documents)
        {
            summaries.Add(new DocumentSummary(document, modality, null, caption));
            foreach (var (id, vector) in segments)
            {
                _index.Upsert(id, vector);
                var kind = modality == Modality.Video ? SegmentKind.Frame : SegmentKind.Whole;
                locations.Add(new SegmentLocation(id, document, kind, null, null));
            }
        }

        var catalogue = CollectionCatalogue.From(new SegmentCatalogueSnapshot(0, summaries, locations));
        var info = new CollectionInfo(7, Name, "tiny-pack", "tiny-pack-1", 4, DateTimeOffset.UnixEpoch);
        _served = new ServedCollection(info, _index, catalogue, new OneWordTower(), null, null);
    }

    /// <summary>The stored record of every document, as PostgreSQL would give them.</summary>
    public static IEnumerable<DocumentInfo> Records() =>
        Documents.Select(d => new DocumentInfo(
            d.Document, 7, $"file:///{d.Document}", d.Modality, new string('0', 64), 1, null, null, null, null, d.Caption,
            JsonDocument.Parse("{}").RootElement, "indexed", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));

    public ValueTask<ServedCollection> OpenAsync(string name, CancellationToken cancellationToken = default) =>
        name == Name ? ValueTask.FromResult(_served) : throw new CollectionNotFoundException(name);

    public IReadOnlyCollection<ServedCollection> Served => [_served];

    public void Dispose() => _index.Dispose();

    /// <summary>Every text lands on the first axis, where "kite" is.</summary>
    private sealed class OneWordTower : ITextTower
    {
        public int Dimension => 4;

        public float[][] Embed(IReadOnlyList<string> texts) => [.. texts.Select(_ => new float[] { 1, 0, 0, 0 })];

        public void Dispose()
        {
        }
    }
}
