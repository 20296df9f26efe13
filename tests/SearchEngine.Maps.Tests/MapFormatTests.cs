using SearchEngine.Core;

namespace SearchEngine.Maps.Tests;

public sealed class MapFormatTests
{
    [Fact]
    public void A_map_round_trips_through_its_binary_form_at_17_bytes_a_point()
    {
        var map = new CollectionMap(
            sequence: 1234567890123, drift: 7,
            documentIds: [5, long.MaxValue, 42],
            coordinates: [1.5f, -2f, 0f, 3.25f, -7.125f, 8f],
            modalities: [Modality.Image, Modality.Text, Modality.Video]);

        var bytes = MapFormat.Encode(map);
        var back = MapFormat.Decode(bytes);

        Assert.Equal(MapFormat.HeaderBytes + (17 * 3), bytes.Length);
        Assert.Equal("SEMP"u8.ToArray(), bytes[..4]);
        Assert.Equal(map.Sequence, back.Sequence);
        Assert.Equal(7, back.Drift);
        Assert.Equal(map.DocumentIds, back.DocumentIds);
        Assert.Equal(map.Coordinates, back.Coordinates);
        Assert.Equal(map.Modalities, back.Modalities);
        Assert.Equal(new MapBounds(-7.125f, -2f, 1.5f, 8f), back.Bounds);
        // The columns sit where docs/map.md says: ids at 40, interleaved x,y after them, modalities last.
        Assert.Equal(long.MaxValue, BitConverter.ToInt64(bytes, 40 + 8));
        Assert.Equal(3.25f, BitConverter.ToSingle(bytes, 40 + 24 + 12));
        Assert.Equal((byte)Modality.Video, bytes[40 + 48 + 2]);
    }

    [Fact]
    public void An_empty_map_round_trips_and_damaged_bytes_are_refused()
    {
        var empty = MapFormat.Decode(MapFormat.Encode(new CollectionMap(0, 0, [], [], [])));
        Assert.Equal(0, empty.Count);

        var bytes = MapFormat.Encode(new CollectionMap(3, 0, [1], [0f, 0f], [Modality.Audio]));
        Assert.Throws<InvalidDataException>(() => MapFormat.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        var badMagic = (byte[])bytes.Clone();
        badMagic[0] = (byte)'X';
        Assert.Throws<InvalidDataException>(() => MapFormat.Decode(badMagic));
        var badModality = (byte[])bytes.Clone();
        badModality[^1] = 9;
        Assert.Throws<InvalidDataException>(() => MapFormat.Decode(badModality));
    }

    [Fact]
    public void Gzipped_bytes_unzip_to_the_encoded_map()
    {
        var map = new CollectionMap(9, 0, Enumerable.Range(0, 1000).Select(i => (long)i).ToArray(), new float[2000], new Modality[1000]);
        using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(map.Gzipped.ToArray()), System.IO.Compression.CompressionMode.Decompress);
        using var copy = new MemoryStream();
        unzip.CopyTo(copy);
        Assert.Equal(map.Encoded.ToArray(), copy.ToArray());
        Assert.True(map.Gzipped.Length < map.Encoded.Length / 4);
    }
}
