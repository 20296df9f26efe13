namespace SearchEngine.Retrieval.Queries;

/// <summary>A query the pipeline cannot answer as asked: names the parameter at fault and what to do instead.</summary>
public sealed class QueryException : Exception
{
    /// <summary>Creates the error for <paramref name="parameter"/>.</summary>
    public QueryException(string parameter, string message, QueryError kind = QueryError.InvalidParameter)
        : base(message)
    {
        Parameter = parameter;
        Kind = kind;
    }

    /// <summary>The request parameter the error is about (e.g. <c>k</c>, <c>file</c>, <c>documentId</c>).</summary>
    public string Parameter { get; }

    /// <summary>What went wrong, so the HTTP layer can choose the status code.</summary>
    public QueryError Kind { get; }
}

/// <summary>Kinds of <see cref="QueryException"/>.</summary>
public enum QueryError
{
    /// <summary>A parameter is missing, malformed or out of range.</summary>
    InvalidParameter,

    /// <summary>A referenced document does not exist.</summary>
    NotFound,

    /// <summary>The query needs a tower the collection's pack does not have (e.g. audio for an image-text pack).</summary>
    UnsupportedByPack,

    /// <summary>The request, or a part of it, is larger than the service accepts.</summary>
    TooLarge,

    /// <summary>The request's body is in a media type the service does not take.</summary>
    UnsupportedContentType,
}
