namespace SearchEngine.Storage.Segments;

/// <summary>
/// Receives one stored vector while a collection is streamed. <paramref name="vector"/> is only valid during the call
/// (the reader reuses its buffer); copy it to keep it.
/// </summary>
public delegate void VectorVisitor(long segmentId, ReadOnlySpan<float> vector);
