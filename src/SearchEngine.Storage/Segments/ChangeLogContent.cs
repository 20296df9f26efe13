namespace SearchEngine.Storage.Segments;

/// <summary>What a read of the change log returns beside each segment insert's vector.</summary>
[Flags]
public enum ChangeLogContent
{
    /// <summary>Segment inserts (with their vectors) and deletes only.</summary>
    Vectors = 0,

    /// <summary>Each segment insert's location and document (<see cref="SegmentChange.Location"/>, <see cref="SegmentChange.Document"/>).</summary>
    Documents = 1,

    /// <summary>The fingerprint entries too (<see cref="SegmentChangeBatch.Fingerprints"/>), each insert with its stored bytes.</summary>
    Fingerprints = 2,
}
