using System.Buffers.Binary;

namespace EvoMerge.Reporting.Tests;

/// <summary>Checks that a file is a PNG: the 8-byte signature, then an IHDR chunk with a non-zero size.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) RequireValid(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path} is too short for a PNG ({bytes.Length} bytes)");
        Assert.Equal(Signature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.True(width > 0 && height > 0, $"{path} is {width}x{height}");
        return (width, height);
    }
}
