namespace SearchEngine.Storage.Filtering;

/// <summary>A filter could not be read: the message names the field or operator at fault and what is allowed instead.</summary>
public sealed class DocumentFilterException : FormatException
{
    /// <summary>Creates the error.</summary>
    public DocumentFilterException(string message, string? field = null, string? @operator = null)
        : base(message)
    {
        Field = field;
        Operator = @operator;
    }

    /// <summary>The filter field at fault, when one is.</summary>
    public string? Field { get; }

    /// <summary>The operator at fault, when one is.</summary>
    public string? Operator { get; }
}
