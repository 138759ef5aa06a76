using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Tensors;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// Copies a merged tensor into a new CPU TorchSharp tensor of its own dtype through <see cref="TensorPieces"/>: one
/// span holds at most 2 GiB, and the embeddings of large models (Qwen2.5-72B, Gemma-2-27B) are bigger.
/// </summary>
internal static class MergedTensorCopy
{
    /// <summary>A new tensor the caller disposes.</summary>
    public static Tensor ToTorch(MergedTensor source, long pieceBytes = TensorPieces.DefaultMaxPieceBytes)
    {
        ArgumentNullException.ThrowIfNull(source);
        return TensorPieces.Filled(source.ShapeArray(), TorchType(source.DType),
            (offset, piece) => source.BytesAt(offset, piece.Length).CopyTo(piece), pieceBytes).DetachFromDisposeScope();
    }

    static ScalarType TorchType(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F32 => ScalarType.Float32,
        SafeTensorDType.BF16 => ScalarType.BFloat16,
        SafeTensorDType.F16 => ScalarType.Float16,
        SafeTensorDType.F64 => ScalarType.Float64,
        _ => throw new ArgumentException($"dtype {dtype} cannot hold model weights.", nameof(dtype)),
    };
}
