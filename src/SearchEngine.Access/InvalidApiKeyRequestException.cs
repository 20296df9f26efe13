namespace SearchEngine.Access;

/// <summary>A key was asked for with a field that cannot be used; the message says what to send instead.</summary>
public sealed class InvalidApiKeyRequestException : Exception
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public InvalidApiKeyRequestException(string field, string message)
        : base(message) => Field = field;

    /// <summary>The field at fault: name, scopes or collections.</summary>
    public string Field { get; }
}
