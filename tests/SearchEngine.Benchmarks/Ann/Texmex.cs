namespace SearchEngine.Benchmarks.Ann;

/// <summary>Reads TEXMEX .fvecs/.ivecs files: each row is an int32 dimension followed by that many 4-byte values.</summary>
internal static class Texmex
{
    public static (float[] Rows, int Count, int Dimension) ReadFvecs(string path)
    {
        var (raw, count, dim) = Read(path);
        var rows = new float[count * dim];
        for (var r = 0; r < count; r++)
        {
            Buffer.BlockCopy(raw, ((r * (dim + 1)) + 1) * 4, rows, r * dim * 4, dim * 4);
        }
        return (rows, count, dim);
    }

    public static int[][] ReadIvecs(string path)
    {
        var (raw, count, dim) = Read(path);
        var rows = new int[count][];
        for (var r = 0; r < count; r++)
        {
            rows[r] = new int[dim];
            Buffer.BlockCopy(raw, ((r * (dim + 1)) + 1) * 4, rows[r], 0, dim * 4);
        }
        return rows;
    }

    private static (byte[] Raw, int Count, int Dimension) Read(string path)
    {
        var raw = File.ReadAllBytes(path);
        var dim = BitConverter.ToInt32(raw, 0);
        var count = raw.Length / ((dim + 1) * 4);
        return (raw, count, dim);
    }
}
