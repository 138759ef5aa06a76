using EvoMerge.Evaluation.Contracts;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

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
    public unsafe void A_wrapped_tensor_reads_its_owners_memory_in_place_and_disposes_the_owner_once()
    {
        using var owner = new CountingOwner(12);
        var values = new float[] { 1.5f, -2f, 3.25f };
        values.CopyTo(new Span<float>((void*)owner.Start, 3));
        var tensor = MergedTensor.Wrap(SafeTensorDType.F32, [3], owner.Start, owner);

        Assert.Same(owner, tensor.Owner);
        Assert.Equal(values, tensor.Float32Values.ToArray());
        // A view, not a copy: what the owner changes shows through.
        ((float*)owner.Start)[1] = 9f;
        Assert.Equal(9f, tensor.Float32Values[1]);
        Assert.Throws<InvalidOperationException>(() => tensor.WritableBytesAt(0, 4).ToArray());
        Assert.Equal(0, owner.Disposals);

        new MergedModel([new("w", tensor)]).Dispose();
        tensor.Dispose();

        Assert.True(tensor.IsDisposed);
        Assert.Null(tensor.Owner);
        Assert.Equal(1, owner.Disposals);
        Assert.Throws<ObjectDisposedException>(() => tensor.BytesAt(0, 4).ToArray());
    }

    [Fact]
    public void Wrapping_checks_the_address_and_the_owner()
    {
        using var owner = new CountingOwner(4);

        Assert.Throws<ArgumentException>(() => MergedTensor.Wrap(SafeTensorDType.F32, [1], IntPtr.Zero, owner));
        Assert.Throws<ArgumentNullException>(() => MergedTensor.Wrap(SafeTensorDType.F32, [1], owner.Start, null!));
        Assert.Equal(0, owner.Disposals);
    }

    [Fact]
    public void Only_allocated_tensors_can_be_written()
    {
        var wrapped = MergedTensor.FromFloat32([1f, 2f], 2);

        Assert.Throws<InvalidOperationException>(() => wrapped.WritableBytesAt(0, 4).ToArray());
    }

    /// <summary>Unmanaged memory that counts how often it is disposed (freed on the first time only).</summary>
    sealed unsafe class CountingOwner(int bytes) : IDisposable
    {
        public IntPtr Start { get; } = (IntPtr)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)bytes);

        public int Disposals { get; private set; }

        public void Dispose()
        {
            if (Disposals++ == 0) System.Runtime.InteropServices.NativeMemory.Free((void*)Start);
        }
    }
}
