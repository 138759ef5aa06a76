using EvoMerge.Models.Tensors;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;
using TorchSharp;

namespace EvoMerge.Merging.Execution;

/// <summary>Copies one tensor from a memory-mapped checkpoint into a new TorchSharp CPU tensor.</summary>
public static class TensorLoader
{
    /// <summary>Any size: tensors over 2 GiB are copied piece by piece (a span cannot hold them).</summary>
    public static torch.Tensor Load(SafeTensorsCheckpoint checkpoint, string name) =>
        Load(checkpoint, name, TensorPieces.DefaultMaxPieceBytes);

    internal static unsafe torch.Tensor Load(SafeTensorsCheckpoint checkpoint, string name, long maxPieceBytes)
    {
        var info = checkpoint.GetInfo(name);
        var source = (IntPtr)checkpoint.GetPointer(name);
        return TensorPieces.Filled(info.Shape, TorchDTypes.ToTorch(info.DType), (offset, piece) =>
            new ReadOnlySpan<byte>((byte*)source + offset, piece.Length).CopyTo(piece), maxPieceBytes);
    }

    /// <summary>The raw bytes of a contiguous CPU tensor (no copy); under 2 GiB only, see <see cref="TensorPieces"/>.</summary>
    public static ReadOnlySpan<byte> Bytes(torch.Tensor tensor) => tensor.bytes;
}
