namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// A document's file was needed to answer (a crop of an indexed image) and <see cref="MediaFileCheck"/> refused it:
/// answered with the status and words the media endpoint would have used for the same file.
/// </summary>
internal sealed class MediaFileRefusedException(MediaFileCheck.Refusal refusal) : Exception(refusal.Detail)
{
    public MediaFileCheck.Refusal Refusal { get; } = refusal;
}
