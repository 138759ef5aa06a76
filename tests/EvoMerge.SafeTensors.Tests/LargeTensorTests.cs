using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Tests.Support;

namespace EvoMerge.SafeTensors.Tests;

/// <summary>A tensor past the 2 GiB span limit, in a sparse file (no real disk use).</summary>
public sealed class LargeTensorTests : IDisposable
{
    private const long Bytes = (1L << 31) + 16;

    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public unsafe void Tensor_over_2GiB_is_reachable_by_pointer_but_not_as_a_span()
    {
        var path = _dir.Combine("big.safetensors");
        var header = RawSafeTensors.Build($$$"""{"big":{"dtype":"U8","shape":[{{{Bytes}}}],"data_offsets":[0,{{{Bytes}}}]}}""");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(header);
            stream.SetLength(header.Length + Bytes);
            stream.Position = header.Length + Bytes - 1;
            stream.WriteByte(0x5A);
        }

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(Bytes, file.Tensors["big"].ByteLength);
        var error = Assert.Throws<InvalidOperationException>(() => file.GetBytes("big"));
        Assert.Contains("GetPointer", error.Message);
        var pointer = file.GetPointer("big");
        Assert.Equal(0, pointer[0]);
        Assert.Equal(0x5A, pointer[Bytes - 1]);
    }
}
