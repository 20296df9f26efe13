namespace SearchEngine.Media.Ffmpeg;

/// <summary>Names a local file for ffmpeg so that names starting with '-' or holding ':' are never read as options or protocols.</summary>
internal static class FfmpegInput
{
    public static string Of(string path) => "file:" + Path.GetFullPath(path);
}
