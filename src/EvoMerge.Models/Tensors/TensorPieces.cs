using TorchSharp;

namespace EvoMerge.Models.Tensors;

/// <summary>Receives one piece of a tensor's bytes; <paramref name="bytes"/> is valid only during the call.</summary>
public delegate void TensorPieceAction(long byteOffset, Span<byte> bytes);

/// <summary>
/// A contiguous CPU tensor's bytes in consecutive pieces: a span holds at most 2 GiB, so a larger tensor
/// (a 2.16 GB embedding) is reached through views of at most <see cref="DefaultMaxPieceBytes"/> each. The one
/// place that copies tensors piece by piece: the merge kernel's loader and writer, the Llama loader and the
/// language evaluator's copy of a merged tensor all go through it.
/// </summary>
public static unsafe class TensorPieces
{
    public const long DefaultMaxPieceBytes = 1L << 30;

    /// <summary>
    /// The address of the first byte of a non-empty contiguous CPU tensor, for native code that takes long
    /// lengths. Tensor memory is native, so the address holds for as long as the tensor lives.
    /// </summary>
    public static IntPtr BasePointer(torch.Tensor tensor)
    {
        if (tensor.numel() == 0) throw new ArgumentException("the tensor has no elements.", nameof(tensor));
        RequireContiguous(tensor);
        using var flat = tensor.reshape(-1);
        using var first = flat.narrow(0, 0, 1);
        fixed (byte* start = first.bytes) return (IntPtr)start;
    }

    /// <summary>
    /// Calls <paramref name="body"/> for each piece in order (once with an empty span for an empty tensor); a piece
    /// is a whole number of elements of at most <paramref name="maxPieceBytes"/> (and of 2 GiB), one element at least.
    /// </summary>
    public static void ForEach(torch.Tensor tensor, TensorPieceAction body, long maxPieceBytes = DefaultMaxPieceBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPieceBytes);
        long size = tensor.element_size();
        long elements = tensor.numel();
        if (elements == 0)
        {
            body(0, Span<byte>.Empty);
            return;
        }
        RequireContiguous(tensor);
        long perPiece = Math.Max(1, Math.Min(maxPieceBytes, int.MaxValue) / size);
        using var flat = tensor.reshape(-1);
        for (long start = 0; start < elements; start += perPiece)
        {
            using var piece = flat.narrow(0, start, Math.Min(perPiece, elements - start));
            body(start * size, piece.bytes);
        }
    }

    /// <summary>
    /// A new CPU tensor of <paramref name="shape"/> and <paramref name="dtype"/> whose bytes <paramref name="fill"/>
    /// writes piece by piece (each span is the piece's destination); it belongs to the current dispose scope, if any.
    /// </summary>
    public static torch.Tensor Filled(long[] shape, torch.ScalarType dtype, TensorPieceAction fill, long maxPieceBytes = DefaultMaxPieceBytes)
    {
        var tensor = torch.empty(shape, dtype, torch.CPU);
        try
        {
            ForEach(tensor, fill, maxPieceBytes);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    // A view of a non-contiguous tensor would be a copy, and its bytes not the tensor's.
    static void RequireContiguous(torch.Tensor tensor)
    {
        if (!tensor.is_contiguous()) throw new ArgumentException("the tensor must be contiguous.", nameof(tensor));
    }
}
