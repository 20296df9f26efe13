namespace SearchEngine.QueryApi.Access;

/// <summary>The request's key may not reach the collection it asked for; answered 403.</summary>
internal sealed class CollectionAccessDeniedException(string message) : Exception(message);
