using SearchEngine.Collections;
using SearchEngine.Core;
using SearchEngine.Storage.Filtering;

namespace SearchEngine.Retrieval.Filtering;

/// <summary>
/// A filter made only of modality conditions (the page's modality tabs, the modality parameter), answered from the
/// collection's catalogue during the graph search instead of by an allow-list read from PostgreSQL. Other filters
/// still go to PostgreSQL (<see cref="DocumentFilterQuery"/>), which holds the fields they compare.
/// </summary>
internal sealed class ModalityFilter
{
    private readonly CollectionCatalogue _catalogue;
    private readonly int _allowed;

    private ModalityFilter(CollectionCatalogue catalogue, int allowed)
    {
        _catalogue = catalogue;
        _allowed = allowed;
    }

    /// <summary>The filter for <paramref name="filter"/> when all its conditions are on the modality; otherwise false.</summary>
    public static bool TryCreate(DocumentFilter filter, CollectionCatalogue catalogue, out ModalityFilter modalityFilter)
    {
        modalityFilter = null!;
        var allowed = ~0;
        foreach (var condition in filter.Conditions)
        {
            if (condition.Field.Type != FilterFieldType.Modality || condition.Operator is not (FilterOperator.Eq or FilterOperator.In))
            {
                return false;
            }

            var any = 0;
            foreach (var value in condition.Values)
            {
                if (value is not FilterValue.Text text || !ModalityNames.TryParse(text.Value, out var modality))
                {
                    return false; // let PostgreSQL judge anything unexpected, as before
                }

                any |= Bit(modality);
            }

            allowed &= any;
        }

        modalityFilter = new ModalityFilter(catalogue, allowed);
        return filter.Conditions.Count > 0;
    }

    /// <summary>Whether segment <paramref name="segmentId"/> belongs to a document of an allowed modality.</summary>
    public bool Allows(long segmentId) =>
        _catalogue.TryGetSegment(segmentId, out var location)
        && _catalogue.TryGetDocument(location.DocumentId, out var document)
        && (Bit(document.Summary.Modality) & _allowed) != 0;

    private static int Bit(Modality modality) => 1 << (int)modality;
}
