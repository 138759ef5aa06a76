using EvoMerge.SafeTensors;
using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// Copies a tensor out of a memory-mapped checkpoint in pieces: a span holds at most 2 GiB, so a larger
/// tensor (a 150k x 8k embedding in float32, 4.9 GB) is copied through views of at most
/// <see cref="DefaultPieceBytes"/> each instead of one span over the whole tensor.
/// </summary>
static unsafe class CheckpointTensorCopy
{
    public const long DefaultPieceBytes = 1L << 30;

    /// <summary>A new CPU tensor of the stored dtype and shape holding the checkpoint's bytes; the caller disposes it.</summary>
    public static Tensor Read(SafeTensorsCheckpoint checkpoint, string name, long pieceBytes = DefaultPieceBytes)
    {
        var info = checkpoint.GetInfo(name);
        var tensor = empty(info.Shape, CheckpointDTypes.ToTorch(info.DType, name)).DetachFromDisposeScope();
        long elements = tensor.numel();
        if (elements == 0)
            return tensor;
        long size = tensor.element_size();
        long perPiece = Math.Max(1, Math.Min(pieceBytes, int.MaxValue) / size);
        byte* source = checkpoint.GetPointer(name);
        using var flat = tensor.view(-1);
        for (long start = 0; start < elements; start += perPiece)
        {
            long count = Math.Min(perPiece, elements - start);
            using var piece = flat.narrow(0, start, count);
            new ReadOnlySpan<byte>(source + start * size, checked((int)(count * size))).CopyTo(piece.bytes);
        }

        return tensor;
    }
}
