using EvoMerge.SafeTensors;

namespace EvoMerge.Evaluation.Tests.Contracts;

/// <summary>Merged tensors in unmanaged memory: any size, read and written in pieces, freed by Dispose.</summary>
public sealed class OwnedTensorTests
{
    [Fact]
    public void An_allocated_tensor_is_written_and_read_in_pieces()
    {
        using var tensor = MergedTensor.Allocate(SafeTensorDType.F32, 2, 3);
        var values = new float[] { 1, 2, 3, 4, 5, 6 };
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        for (int offset = 0; offset < bytes.Length; offset += 10)
        {
            int length = Math.Min(10, bytes.Length - offset);
            bytes.Slice(offset, length).CopyTo(tensor.WritableBytesAt(offset, length));
        }

        Assert.Equal(values, tensor.Float32Values.ToArray());
        Assert.Equal(bytes[8..20].ToArray(), tensor.BytesAt(8, 12).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => tensor.BytesAt(20, 5).ToArray());
    }

    [Fact]
    public void A_tensor_over_2_GiB_is_reached_through_pieces_not_one_span()
    {
        // Untouched pages cost no memory, so this allocates address space, not 2 GiB.
        long length = (1L << 31) + 16;
        using var tensor = MergedTensor.Allocate(SafeTensorDType.U8, length);
        tensor.WritableBytesAt(length - 4, 4).Fill(7);

        Assert.Equal(length, tensor.ByteLength);
        Assert.Equal(new byte[] { 7, 7, 7, 7 }, tensor.BytesAt(length - 4, 4).ToArray());
        var error = Assert.Throws<InvalidOperationException>(() => tensor.Bytes.Length);
        Assert.Contains("BytesAt", error.Message);
    }

    [Fact]
    public void Disposing_the_model_frees_every_tensor_it_owns()
    {
        var owned = MergedTensor.Allocate(SafeTensorDType.BF16, 4);
        var wrapped = MergedTensor.FromFloat32([1f, 2f], 2);
        var model = new MergedModel([new("owned", owned), new("wrapped", wrapped)]);

        model.Dispose();

        Assert.True(owned.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => owned.BytesAt(0, 2).ToArray());
        Assert.Equal(2f, wrapped.Float32Values[1]);
    }

    [Fact]
    public void Only_allocated_tensors_can_be_written()
    {
        var wrapped = MergedTensor.FromFloat32([1f, 2f], 2);

        Assert.Throws<InvalidOperationException>(() => wrapped.WritableBytesAt(0, 4).ToArray());
    }
}
