using System.Buffers.Binary;
using System.Text;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Tests.Support;

namespace EvoMerge.SafeTensors.Tests;

/// <summary>Files laid out by hand from the format description, so the reader is checked against the format, not against its own writer.</summary>
public sealed class IndependentFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Hand_built_file_reads_back_every_field()
    {
        // Header keys in an order that differs from the data order; trailing spaces pad the header.
        const string header =
            """{"b":{"dtype":"BF16","shape":[2],"data_offsets":[8,12]},""" +
            """ "__metadata__":{"format":"pt","k":"v"},""" +
            """ "a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},""" +
            """ "s":{"dtype":"I64","shape":[],"data_offsets":[12,20]},""" +
            """ "e":{"dtype":"F16","shape":[3,0],"data_offsets":[20,20]}}      """;
        var data = new byte[20];
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(0), 1.5f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -2.25f);
        data[8] = 0x80; data[9] = 0x3F; data[10] = 0x00; data[11] = 0xC0; // bf16 1.0, -2.0
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(12), -42);
        var path = _dir.WriteBytes("hand.safetensors", RawSafeTensors.Build(header, data));

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(path, file.Path);
        Assert.Equal(["a", "b", "s", "e"], file.Tensors.Keys);
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["k"] = "v" }, file.Metadata);
        Assert.Equal(8 + Encoding.UTF8.GetByteCount(header), file.Header.DataStart);

        Assert.Equal(new TensorInfo("b", SafeTensorDType.BF16, [2], 8, 12).ToString(), file.Tensors["b"].ToString());
        Assert.Equal([2L], file.Tensors["b"].Shape);
        Assert.Equal(2, file.Tensors["a"].ElementCount);

        var a = file.GetBytes("a");
        Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(a));
        Assert.Equal(-2.25f, BinaryPrimitives.ReadSingleLittleEndian(a[4..]));
        Assert.Equal([0x80, 0x3F, 0x00, 0xC0], file.GetBytes("b").ToArray());
        Assert.Equal(-42, BinaryPrimitives.ReadInt64LittleEndian(file.GetBytes("s")));
        Assert.Equal(1, file.Tensors["s"].ElementCount);
        Assert.Equal([3L, 0], file.Tensors["e"].Shape);
        Assert.Equal(0, file.GetBytes("e").Length);
    }

    [Fact]
    public void Empty_tensors_may_share_an_offset_between_others()
    {
        const string header =
            """{"x":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"z1":{"dtype":"U8","shape":[0],"data_offsets":[2,2]},""" +
            """ "z2":{"dtype":"F32","shape":[0,5],"data_offsets":[2,2]},"y":{"dtype":"U8","shape":[1],"data_offsets":[2,3]}}""";
        var path = _dir.WriteBytes("zeros.safetensors", RawSafeTensors.Build(header, [1, 2, 3]));
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal([3], file.GetBytes("y").ToArray());
        Assert.Equal(4, file.Tensors.Count);
    }

    [Fact]
    public void File_with_no_tensors_and_no_data_is_valid()
    {
        var path = _dir.WriteBytes("none.safetensors", RawSafeTensors.Build("{}  "));
        using var file = SafeTensorsFile.Open(path);
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void Unknown_fields_in_a_tensor_entry_are_ignored()
    {
        const string header = """{"t":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"note":"extra"}}""";
        var path = _dir.WriteBytes("extra.safetensors", RawSafeTensors.Build(header, [9]));
        Assert.Equal(SafeTensorDType.U8, SafeTensorsFile.ReadHeader(path).Tensors["t"].DType);
    }

    [Fact]
    public void Disposed_file_refuses_access()
    {
        var path = _dir.WriteBytes("t.safetensors", RawSafeTensors.SingleF32(1));
        var file = SafeTensorsFile.Open(path);
        file.Dispose();
        Assert.Throws<ObjectDisposedException>(() => file.GetBytes("t"));
    }
}
