using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// RMSNorm as the families define it. Llama: normalized in float32, cast back to the input's dtype,
/// then scaled by the weight. Gemma: scaled by <c>(1 + w)</c> while still in float32, then cast back.
/// </summary>
public static class RmsNorm
{
    public static Tensor Apply(Tensor x, Tensor weight, double epsilon)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var wide = x.to_type(ScalarType.Float32);
        var meanSquare = wide.pow(held[2]).mean([-1], keepdim: true);
        var normalized = (wide * meanSquare.add(held[epsilon], held[1]).rsqrt()).to_type(x.dtype);
        return (weight * normalized).MoveToOuterDisposeScope();
    }

    /// <summary>The norm the config's family uses (<see cref="LlamaConfig.NormAddsOne"/> picks Gemma's).</summary>
    public static Tensor Apply(Tensor x, Tensor weight, LlamaConfig config) =>
        config.NormAddsOne ? ApplyOffset(x, weight, config.RmsNormEps) : Apply(x, weight, config.RmsNormEps);

    /// <summary>Gemma's variant: <c>normalize(x) * (1 + w)</c> in float32, cast to the input's dtype.</summary>
    public static Tensor ApplyOffset(Tensor x, Tensor weight, double epsilon)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var wide = x.to_type(ScalarType.Float32);
        var meanSquare = wide.pow(held[2]).mean([-1], keepdim: true);
        var scaled = wide * meanSquare.add(held[epsilon], held[1]).rsqrt() * weight.to_type(ScalarType.Float32).add(held[1], held[1]);
        return scaled.to_type(x.dtype).MoveToOuterDisposeScope();
    }
}
