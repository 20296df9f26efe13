namespace SearchEngine.QueryApi.Uploads;

/// <summary>
/// One uploaded file as received: written whole to a temporary file in the upload store and hashed, not yet kept under
/// its content address (<see cref="UploadStore.Keep"/>). Disposing deletes the temporary file if it is still there.
/// </summary>
/// <param name="TemporaryPath">The temporary file.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Extension">The extension it is kept with (from the client's name, checked; may be empty).</param>
internal sealed record StagedFile(string TemporaryPath, string Sha256, long Size, string Extension) : IDisposable
{
    public void Dispose()
    {
        try
        {
            File.Delete(TemporaryPath);
        }
        catch (IOException)
        {
            // Left for the operator: a stray file in the store's incoming folder, referenced by nothing.
        }
    }
}
