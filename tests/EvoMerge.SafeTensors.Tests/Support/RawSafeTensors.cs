using System.Buffers.Binary;
using System.Text;

namespace EvoMerge.SafeTensors.Tests.Support;

/// <summary>Builds safetensors bytes by hand, independently of the library's writer.</summary>
internal static class RawSafeTensors
{
    /// <summary>8-byte little-endian length of <paramref name="headerJson"/>, the header, then <paramref name="data"/>.</summary>
    public static byte[] Build(string headerJson, byte[]? data = null) =>
        Build(Encoding.UTF8.GetBytes(headerJson), data ?? []);

    public static byte[] Build(byte[] header, byte[] data) =>
        [.. LengthPrefix((ulong)header.Length), .. header, .. data];

    public static byte[] LengthPrefix(ulong headerLength)
    {
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, headerLength);
        return prefix;
    }

    /// <summary>One F32 tensor "t" of <paramref name="count"/> elements at [0, 4*count), with that many data bytes.</summary>
    public static byte[] SingleF32(int count) =>
        Build($$$"""{"t":{"dtype":"F32","shape":[{{{count}}}],"data_offsets":[0,{{{4 * count}}}]}}""", new byte[4 * count]);
}
