namespace SearchEngine.Media;

/// <summary>The step of decoding at which a file was rejected.</summary>
public enum MediaStage
{
    /// <summary>Reading the file and recognising its content type.</summary>
    Sniff,

    /// <summary>Inspecting the container (dimensions, streams, duration) before decoding.</summary>
    Probe,

    /// <summary>Decoding pixels, samples, frames or text.</summary>
    Decode,
}
