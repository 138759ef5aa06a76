using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Samples;
using EvoMerge.Models.Tensors;
using EvoMerge.Models.Torch;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;
using TorchSharp;

namespace EvoMerge.Merging.Tests.Execution;

/// <summary>
/// Tensors over 2 GiB are read and written in pieces because a span cannot hold them. The piece size is
/// injected small here, so the chunking is tested without gigabytes of memory.
/// </summary>
public class TensorPiecesTests : IDisposable
{
    readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(12)]      // 3 floats a piece: many pieces, the last one partial
    [InlineData(10)]      // not a whole number of elements: rounded down to 2 floats
    [InlineData(1)]       // under one element: still one element a piece
    [InlineData(1L << 30)]
    public void Pieces_cover_the_tensor_in_order(long maxPieceBytes)
    {
        using var scope = torch.NewDisposeScope();
        using var held = new HeldScalars();
        var tensor = torch.arange(held[0], held[1001], held[1], dtype: torch.float32).reshape(7, 143);
        var seen = new List<byte>();
        TensorPieces.ForEach(tensor, (offset, bytes) =>
        {
            Assert.Equal(seen.Count, offset);
            Assert.True(bytes.Length <= Math.Max(4, maxPieceBytes));
            seen.AddRange(bytes.ToArray());
        }, maxPieceBytes);
        Assert.Equal(tensor.bytes.ToArray(), seen.ToArray());
    }

    [Theory]
    [InlineData(6)]       // bf16: 3 elements a piece
    [InlineData(7)]       // rounded down to 3 elements
    [InlineData(1L << 40)] // more than a span holds: one piece for this small tensor
    public void Filled_writes_each_piece_where_it_belongs(long maxPieceBytes)
    {
        var pattern = Enumerable.Range(0, 2 * 5 * 9).Select(i => (byte)(i * 29 % 253)).ToArray();
        using var tensor = TensorPieces.Filled([5, 9], torch.ScalarType.BFloat16,
            (offset, piece) => pattern.AsSpan((int)offset, piece.Length).CopyTo(piece), maxPieceBytes);

        Assert.Equal(new long[] { 5, 9 }, tensor.shape);
        Assert.Equal(pattern, tensor.bytes.ToArray());
    }

    [Fact]
    public void A_piece_size_of_zero_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorPieces.ForEach(torch.ones(3), (_, _) => { }, 0));
    }

    [Fact]
    public void Empty_tensor_is_one_empty_piece()
    {
        using var scope = torch.NewDisposeScope();
        int calls = 0;
        TensorPieces.ForEach(torch.empty(0, 5), (offset, bytes) => { calls++; Assert.Equal(0, offset); Assert.Equal(0, bytes.Length); });
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Non_contiguous_tensor_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        var transposed = torch.ones(3, 4).t();
        Assert.Throws<ArgumentException>(() => TensorPieces.ForEach(transposed, (_, _) => { }));
        Assert.Throws<ArgumentException>(() => TensorPieces.BasePointer(transposed));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(100)]
    public void Loader_copies_piece_by_piece_to_the_same_tensor(long maxPieceBytes)
    {
        TinyLlamaCheckpoints.Write(_dir.Path, new TinyLlamaShape(), 5);
        using var checkpoint = SafeTensorsCheckpoint.Open(_dir.Path);
        using var scope = torch.NewDisposeScope();
        foreach (var name in checkpoint.TensorNames)
        {
            var pieced = TensorLoader.Load(checkpoint, name, maxPieceBytes);
            Assert.Equal(checkpoint.GetInfo(name).Shape, pieced.shape);
            Assert.Equal(checkpoint.GetBytes(name).ToArray(), pieced.bytes.ToArray());
        }
    }

    [Fact]
    public unsafe void Base_pointer_is_the_first_byte()
    {
        using var scope = torch.NewDisposeScope();
        using var held = new HeldScalars();
        var tensor = torch.arange(held[5], held[50], held[1], dtype: torch.float32);
        Assert.Equal(5f, *(float*)TensorPieces.BasePointer(tensor));
        Assert.Equal(49f, ((float*)TensorPieces.BasePointer(tensor))[44]);
    }
}
