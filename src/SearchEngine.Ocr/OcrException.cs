namespace SearchEngine.Ocr;

/// <summary>A picture's text could not be read: Tesseract failed, crashed, ran out of its time or memory, or is not installed.</summary>
public class OcrException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OcrException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public OcrException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public OcrException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
