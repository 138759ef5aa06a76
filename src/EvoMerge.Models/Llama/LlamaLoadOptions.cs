using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>Where and in which precision a model's weights live: float32 or bfloat16, CPU by default.</summary>
public sealed record LlamaLoadOptions
{
    public ScalarType DType { get; init; } = ScalarType.Float32;

    /// <summary>null means the CPU.</summary>
    public Device? Device { get; init; }

    internal Device ResolvedDevice => Device ?? CPU;

    /// <summary>Largest piece copied out of the checkpoint at once (tests lower it to exercise the piecewise path).</summary>
    internal long CopyPieceBytes { get; init; } = Tensors.TensorPieces.DefaultMaxPieceBytes;

    internal void Validate()
    {
        if (DType is not (ScalarType.Float32 or ScalarType.BFloat16))
            throw new ArgumentException($"Llama models run in Float32 or BFloat16, not {DType}.");
    }
}
