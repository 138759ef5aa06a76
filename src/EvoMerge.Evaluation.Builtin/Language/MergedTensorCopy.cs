using EvoMerge.SafeTensors;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// Copies a merged tensor into a new CPU TorchSharp tensor of its own dtype, in pieces: one span holds at most
/// 2 GiB, and the embeddings of large models (Qwen2.5-72B, Gemma-2-27B) are bigger.
/// </summary>
internal static class MergedTensorCopy
{
    public const long DefaultPieceBytes = 1L << 30;

    /// <summary>A new tensor the caller disposes.</summary>
    public static Tensor ToTorch(MergedTensor source, long pieceBytes = DefaultPieceBytes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pieceBytes);
        var tensor = empty(source.ShapeArray(), TorchType(source.DType)).DetachFromDisposeScope();
        try
        {
            long elements = tensor.numel();
            long size = tensor.element_size();
            long perPiece = Math.Max(1, Math.Min(pieceBytes, int.MaxValue) / size);
            using var flat = tensor.view(-1);
            for (long start = 0; start < elements; start += perPiece)
            {
                long count = Math.Min(perPiece, elements - start);
                using var piece = flat.narrow(0, start, count);
                source.BytesAt(start * size, (int)(count * size)).CopyTo(piece.bytes);
            }

            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
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
