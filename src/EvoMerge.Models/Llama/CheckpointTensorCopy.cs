using EvoMerge.Models.Tensors;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;
using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// Copies a tensor out of a memory-mapped checkpoint through <see cref="TensorPieces"/>: a span holds at most
/// 2 GiB, so a larger tensor (a 150k x 8k embedding in float32, 4.9 GB) is copied in pieces.
/// </summary>
static unsafe class CheckpointTensorCopy
{
    /// <summary>A new CPU tensor of the stored dtype and shape holding the checkpoint's bytes; the caller disposes it.</summary>
    public static Tensor Read(SafeTensorsCheckpoint checkpoint, string name, long pieceBytes = TensorPieces.DefaultMaxPieceBytes)
    {
        var info = checkpoint.GetInfo(name);
        byte* source = checkpoint.GetPointer(name);
        return TensorPieces.Filled(info.Shape, CheckpointDTypes.ToTorch(info.DType, name),
            (offset, piece) => new ReadOnlySpan<byte>(source + offset, piece.Length).CopyTo(piece), pieceBytes).DetachFromDisposeScope();
    }
}
