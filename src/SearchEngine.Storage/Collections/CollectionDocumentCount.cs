using SearchEngine.Core;

namespace SearchEngine.Storage.Collections;

/// <summary>How many indexed documents of one modality a collection holds.</summary>
/// <param name="CollectionId">The collection.</param>
/// <param name="Modality">The kind of document.</param>
/// <param name="Documents">How many (documents whose indexing failed are not counted).</param>
public sealed record CollectionDocumentCount(long CollectionId, Modality Modality, long Documents);
