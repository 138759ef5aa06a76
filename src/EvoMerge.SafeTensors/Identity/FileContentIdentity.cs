using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EvoMerge.SafeTensors.Identity;

/// <summary>
/// Who a model or data file is, by its contents: its size, a hash of its head (a safetensors file's length
/// prefix and JSON header; the first 64 KiB of other files) and a hash of a few blocks sampled across it.
/// Cheap on multi-gigabyte checkpoints, yet any replacement, truncation or re-save shows, whatever the
/// file's name and modification time say. Run journals store these hashes, so how they are computed must
/// not change (an existing run would no longer resume).
/// </summary>
public sealed record FileContentIdentity(long Size, string HeaderSha256, string SampleSha256)
{
    const int SampledBlocks = 16;
    const int BlockBytes = 4096;
    const int PlainHeadBytes = 64 * 1024;

    // Not HeaderReader's limit: journals were written with this one, and only a header between the two differs.
    const long MaxSafeTensorsHeader = 100L * 1024 * 1024;

    /// <summary>Reads the identity of the file at <paramref name="path"/> (a few blocks of it, not the whole file).</summary>
    public static FileContentIdentity Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new FileContentIdentity(
            stream.Length,
            Convert.ToHexStringLower(SHA256.HashData(ReadAt(stream, 0, HeadLength(stream, path)))),
            Convert.ToHexStringLower(SampleHash(stream)));
    }

    /// <summary>A safetensors file's 8-byte length plus its JSON header; otherwise the first 64 KiB.</summary>
    static int HeadLength(FileStream stream, string path)
    {
        long size = stream.Length;
        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) && size >= 8)
        {
            long header = (long)BinaryPrimitives.ReadUInt64LittleEndian(ReadAt(stream, 0, 8));
            if (header >= 0 && header <= MaxSafeTensorsHeader && 8 + header <= size) return (int)(8 + header);
        }
        return (int)Math.Min(size, PlainHeadBytes);
    }

    /// <summary>Blocks at evenly spaced offsets, the last one ending at the end of the file.</summary>
    static byte[] SampleHash(FileStream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = stream.Length;
        long span = Math.Max(0, size - BlockBytes);
        for (int i = 0; i < SampledBlocks; i++)
        {
            long offset = span * i / (SampledBlocks - 1);
            hash.AppendData(ReadAt(stream, offset, (int)Math.Min(BlockBytes, size - offset)));
        }
        return hash.GetHashAndReset();
    }

    static byte[] ReadAt(FileStream stream, long offset, int count)
    {
        var buffer = new byte[Math.Max(0, count)];
        stream.Seek(offset, SeekOrigin.Begin);
        stream.ReadExactly(buffer);
        return buffer;
    }
}
