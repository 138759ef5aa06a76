using EvoMerge.SafeTensors;
using TorchSharp;

namespace EvoMerge.Merging.Execution;

/// <summary>Copies one tensor from a memory-mapped checkpoint into a new TorchSharp CPU tensor.</summary>
public static class TensorLoader
{
    public static torch.Tensor Load(SafeTensorsCheckpoint checkpoint, string name)
    {
        var info = checkpoint.GetInfo(name);
        var tensor = torch.empty(info.Shape, TorchDTypes.ToTorch(info.DType));
        checkpoint.GetBytes(name).CopyTo(tensor.bytes);
        return tensor;
    }

    /// <summary>The raw bytes of a contiguous CPU tensor (no copy).</summary>
    public static ReadOnlySpan<byte> Bytes(torch.Tensor tensor) => tensor.bytes;
}
