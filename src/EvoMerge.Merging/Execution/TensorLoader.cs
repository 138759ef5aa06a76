using EvoMerge.SafeTensors;
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
        var tensor = torch.empty(info.Shape, TorchDTypes.ToTorch(info.DType));
        var source = (IntPtr)checkpoint.GetPointer(name);
        TensorPieces.ForEach(tensor, (offset, piece) =>
            new ReadOnlySpan<byte>((byte*)source + offset, piece.Length).CopyTo(piece), maxPieceBytes);
        return tensor;
    }

    /// <summary>The raw bytes of a contiguous CPU tensor (no copy); under 2 GiB only, see <see cref="TensorPieces"/>.</summary>
    public static ReadOnlySpan<byte> Bytes(torch.Tensor tensor) => tensor.bytes;
}
