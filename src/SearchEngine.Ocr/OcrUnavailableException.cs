namespace SearchEngine.Ocr;

/// <summary>Tesseract cannot run here at all (not installed, or without the configured language models): no picture can be read.</summary>
public sealed class OcrUnavailableException : OcrException
{
    /// <summary>Creates the exception.</summary>
    public OcrUnavailableException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public OcrUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public OcrUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
