namespace SearchEngine.Media;

/// <summary>Limits and settings for media decoding (bind from configuration section <see cref="SectionName"/>).</summary>
public sealed class MediaOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "Media";

    /// <summary>Files larger than this are rejected before reading (default 4 GiB).</summary>
    public long MaxFileBytes { get; set; } = 4L << 30;

    /// <summary>
    /// Images whose header claims more pixels than this are rejected as decompression bombs before any pixel memory is
    /// allocated (default 50 megapixels). Images up to the limit are downscaled while decoding, so memory stays bounded.
    /// SVG pictures, which can be drawn at any size, are drawn no larger than this instead.
    /// </summary>
    public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>
    /// Images decoded for indexing are shrunk while decoding so their shorter side lies in [this, 2·this) pixels
    /// (default 256, what image towers resize to before their centre crop). Smaller images stay as they are.
    /// </summary>
    public int ImageShortSide { get; set; } = 256;

    /// <summary>
    /// SVG files larger than this are rejected before parsing (default 32 MiB): SVG is XML read into memory as a whole,
    /// so <see cref="MaxFileBytes"/>, sized for streamed video, is far too loose for it.
    /// </summary>
    public long MaxSvgBytes { get; set; } = 32L << 20;

    /// <summary>
    /// SVG documents with more elements than this are rejected (default 100,000), each <c>&lt;use&gt;</c> counting as
    /// the elements it copies: the SVG library holds a few kilobytes per element and draws every copy, so a small file
    /// of nested <c>&lt;use&gt;</c> references can ask for billions of shapes.
    /// </summary>
    public long MaxSvgElements { get; set; } = 100_000;

    /// <summary>Longest side of result-page thumbnails, in pixels (default 256).</summary>
    public int ThumbnailSize { get; set; } = 256;

    /// <summary>JPEG quality of thumbnails, 1–100 (default 80).</summary>
    public int ThumbnailQuality { get; set; } = 80;

    /// <summary>Audio longer than this, in seconds, is rejected (default 3 hours).</summary>
    public double MaxAudioSeconds { get; set; } = 3 * 3600;

    /// <summary>
    /// Sound of a query upload longer than this, in seconds, is refused with a 422 naming the limit (default 60 s).
    /// A query is an example of what to find: a minute is far more than the few seconds a window of any audio tower
    /// sees (YAMNet 0.96 s hops, CLAP 10 s), and it bounds what one request costs: ffmpeg stops after it (<c>-t</c>),
    /// the sample buffer never grows past it, and the tower embeds at most ~60 windows instead of ~11,000 for the
    /// indexer's 3-hour limit. Refused rather than cut: the user picks which minute to search with.
    /// </summary>
    public double MaxQueryAudioSeconds { get; set; } = 60;

    /// <summary>
    /// Query uploads decoded and embedded at the same time (default 0 = the number of cores): decoding and the
    /// towers are CPU-bound, so more at once only makes every one slower.
    /// </summary>
    public int MaxConcurrentQueryDecodes { get; set; }

    /// <summary>Query uploads that may wait for a decode slot (default 16); more are refused with 503 and Retry-After.</summary>
    public int QueryDecodeQueueLength { get; set; } = 16;

    /// <summary>
    /// The folders media may be indexed from and served from. A file whose final target (every symlink followed) is
    /// outside them is refused when indexing and never served. Empty (the default): the indexer uses the folder it is
    /// given, or the manifest's folder, as the root, and the query API serves only a file whose final target is still
    /// the one resolved when it was indexed.
    /// </summary>
    public IList<string> Roots { get; } = [];

    /// <summary>A video keyframe is taken at least this often, in seconds (default 2 s).</summary>
    public double FrameIntervalSeconds { get; set; } = 2;

    /// <summary>ffmpeg scene-change score (0–1) above which a frame is also taken as a keyframe (default 0.4).</summary>
    public double SceneChangeThreshold { get; set; } = 0.4;

    /// <summary>At most this many keyframes are taken from one video (default 300).</summary>
    public int MaxFrames { get; set; } = 300;

    /// <summary>Keyframes are scaled so that their shorter side is at most this many pixels (default 256).</summary>
    public int FrameShortSide { get; set; } = 256;

    /// <summary>
    /// At most this much of a video's embedded subtitle track is read, as SRT (default 2 MiB, some 20,000 cues: every
    /// cue becomes a segment the text tower embeds, so a larger track costs the index more than it gives). The cues
    /// past the limit are dropped and the video is still indexed.
    /// </summary>
    public int MaxSubtitleBytes { get; set; } = 2 << 20;

    /// <summary>Text documents larger than this are rejected (default 16 MiB).</summary>
    public long MaxTextBytes { get; set; } = 16L << 20;

    /// <summary>The ffmpeg executable: a name looked up on PATH or a full path.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The ffprobe executable: a name looked up on PATH or a full path.</summary>
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>An ffmpeg or ffprobe run that takes longer than this is killed and the file rejected (default 5 minutes).</summary>
    public TimeSpan ProcessTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
