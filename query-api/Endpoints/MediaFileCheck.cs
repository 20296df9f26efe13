using SearchEngine.Media.Files;
using SearchEngine.Storage.Documents;

namespace SearchEngine.QueryApi.Endpoints;

/// <summary>
/// Decides, at the moment of serving, whether a document's file may be sent: the path in the database is resolved
/// again (a file swapped for a symlink after indexing leads elsewhere now), its final target must be a regular file
/// inside the media roots, the same file that was indexed, and unchanged in size and modification time. Problems name
/// the document and what to do, never the server's paths.
/// </summary>
internal static class MediaFileCheck
{
    /// <summary>The final target to open, or the problem to answer with.</summary>
    public static (string? Target, IResult? Problem) Check(DocumentInfo document, MediaRoots roots)
    {
        var (target, refusal) = Inspect(document, roots);
        return (target, refusal is { } r ? Problem(r.Status, r.Title, r.Detail) : null);
    }

    /// <summary>The final target to open, or why it may not be (an HTTP status, a title and a detail).</summary>
    public static (string? Target, Refusal? Refusal) Inspect(DocumentInfo document, MediaRoots roots)
    {
        var path = document.Uri.StartsWith("file://", StringComparison.Ordinal) ? new Uri(document.Uri).LocalPath : document.Uri;
        if (!Path.IsPathRooted(path))
        {
            return (null, new Refusal(StatusCodes.Status404NotFound, "Media file missing", $"Document {document.Id} has no file on this server."));
        }

        var target = FileFacts.FinalTarget(path);
        if (target is null)
        {
            return (null, new Refusal(StatusCodes.Status404NotFound, "Media file missing",
                $"The file of document {document.Id} is gone. Re-run the indexer with --delete-missing to drop documents whose files are gone."));
        }

        // With no roots configured the API cannot tell inside from outside: the file must then still be the one the
        // indexer resolved (and checked against its roots), which the comparison with final_path below enforces.
        // Documents indexed before final_path was recorded are served only when no link is involved at all.
        var inside = roots.IsEmpty ? document.FinalPath is not null || target == Path.GetFullPath(path) : roots.Contains(target);
        if (!inside)
        {
            return (null, new Refusal(StatusCodes.Status403Forbidden, "Media file not served",
                $"The file of document {document.Id} leads outside the media folders this service serves (Media:Roots); it is not served. Re-index the collection if it was moved on purpose."));
        }

        var facts = FileFacts.Of(target);
        if (facts.Kind != FileKind.Regular)
        {
            return (null, new Refusal(StatusCodes.Status403Forbidden, "Media file not served",
                $"The file of document {document.Id} is now {FileFacts.Describe(facts.Kind)}, not a regular file; it is not served."));
        }

        if ((document.FinalPath is { } indexed && indexed != target)
            || facts.Size != document.SizeBytes
            || (document.FileModifiedAt is { } modified && modified != facts.ModifiedAt))
        {
            return (null, new Refusal(StatusCodes.Status409Conflict, "Media file changed",
                $"The file of document {document.Id} changed after it was indexed (size, modification time or link target); re-run the indexer to index it again."));
        }

        return (target, null);
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>Why a document's file is not served: the status to answer with, its title and a detail a person can act on.</summary>
    public sealed record Refusal(int Status, string Title, string Detail);
}
