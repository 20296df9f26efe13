using Microsoft.Extensions.Options;
using SearchEngine.Media.Files;

namespace SearchEngine.QueryApi.Jobs;

/// <summary>
/// Where a job over HTTP may read: inside <see cref="JobOptions.Roots"/>, judged on the final target of each path
/// (links followed, <c>..</c> applied), so a link inside a root cannot lead out of it.
/// </summary>
internal sealed class JobRoots(IOptions<JobOptions> options)
{
    private readonly MediaRoots _roots = new(options.Value.Roots);

    /// <summary>Whether jobs over HTTP are on (some root is configured).</summary>
    public bool Enabled => !_roots.IsEmpty;

    /// <summary>The final target of <paramref name="path"/> when it exists inside a root; null otherwise.</summary>
    public string? Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            return null;
        }

        return FileFacts.FinalTarget(path) is { } target && _roots.Contains(target) ? target : null;
    }
}
