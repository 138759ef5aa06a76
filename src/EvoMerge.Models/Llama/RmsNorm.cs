using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>Llama's RMSNorm: normalized in float32, cast back to the input's dtype, then scaled by the weight.</summary>
public static class RmsNorm
{
    public static Tensor Apply(Tensor x, Tensor weight, double epsilon)
    {
        using var scope = NewDisposeScope();
        var wide = x.to_type(ScalarType.Float32);
        var meanSquare = wide.pow(2).mean([-1], keepdim: true);
        var normalized = (wide * (meanSquare + epsilon).rsqrt()).to_type(x.dtype);
        return (weight * normalized).MoveToOuterDisposeScope();
    }
}
