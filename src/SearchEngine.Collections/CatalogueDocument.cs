using SearchEngine.Collections.Lexical;
using SearchEngine.Storage.Documents;

namespace SearchEngine.Collections;

/// <summary>A document as the catalogue holds it: its summary, its analysed text, and how many live segments it has.</summary>
public sealed class CatalogueDocument
{
    internal CatalogueDocument(DocumentSummary summary, LexicalDocument? text, int segmentCount)
    {
        Summary = summary;
        Text = text;
        SegmentCount = segmentCount;
    }

    /// <summary>Id, modality, title and caption.</summary>
    public DocumentSummary Summary { get; }

    /// <summary>Title and caption terms; null when the document has neither.</summary>
    public LexicalDocument? Text { get; }

    /// <summary>Live segments of the document in the catalogue (the writer's bookkeeping; a document with none is dropped).</summary>
    internal int SegmentCount { get; set; }
}
