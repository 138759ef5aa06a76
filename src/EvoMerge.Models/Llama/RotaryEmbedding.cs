using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// Rotary position embeddings in the Hugging Face Llama layout: dimension k is paired with k + d/2
/// ("rotate half"), rotated by position * inverse frequency k. Frequencies come from rope_theta and
/// the config's scaling, computed in double once.
/// </summary>
public sealed class RotaryEmbedding
{
    readonly float[] _inverseFrequencies;

    /// <summary>The config's global rotary settings (rope_theta, rope_scaling).</summary>
    public RotaryEmbedding(LlamaConfig config)
        : this(new RopeSettings(config.RopeTheta, config.RopeScaling), config.HeadDim)
    {
    }

    public RotaryEmbedding(RopeSettings settings, int headDim)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _inverseFrequencies = InverseFrequencies(settings, headDim).Select(f => (float)f).ToArray();
    }

    public RopeSettings Settings { get; }

    /// <summary>Frequencies <c>theta^(-2k/d)</c>, k = 0..d/2-1, with the config's rope scaling applied.</summary>
    public static double[] InverseFrequencies(LlamaConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return InverseFrequencies(new RopeSettings(config.RopeTheta, config.RopeScaling), config.HeadDim);
    }

    public static double[] InverseFrequencies(RopeSettings settings, int headDim)
    {
        int half = headDim / 2;
        var frequencies = new double[half];
        for (int k = 0; k < half; k++)
            frequencies[k] = 1.0 / Math.Pow(settings.Theta, 2.0 * k / headDim);
        if (settings.Scaling is { } scaling)
            for (int k = 0; k < half; k++)
                frequencies[k] = Scale(frequencies[k], scaling);
        return frequencies;
    }

    static double Scale(double frequency, RopeScaling scaling)
    {
        if (scaling.Kind == RopeScalingKind.Linear)
            return frequency / scaling.Factor;
        // Llama 3: wavelengths shorter than original/high are kept, longer than original/low divided
        // by the factor, and those between blended linearly in original/wavelength.
        double original = scaling.OriginalMaxPositionEmbeddings;
        double wavelength = 2 * Math.PI / frequency;
        if (wavelength < original / scaling.HighFrequencyFactor)
            return frequency;
        if (wavelength > original / scaling.LowFrequencyFactor)
            return frequency / scaling.Factor;
        double smooth = (original / wavelength - scaling.LowFrequencyFactor) / (scaling.HighFrequencyFactor - scaling.LowFrequencyFactor);
        return (1 - smooth) * frequency / scaling.Factor + smooth * frequency;
    }

    /// <summary>cos and sin tables [B, 1, T, d] for position ids [B, T] (int64), in <paramref name="dtype"/>.</summary>
    public (Tensor Cos, Tensor Sin) Tables(Tensor positions, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var frequencies = tensor(_inverseFrequencies, device: positions.device);
        // Angles in float32, as the reference does, then cast once.
        var angles = positions.to_type(ScalarType.Float32).unsqueeze(-1) * frequencies;
        var doubled = cat([angles, angles], -1).unsqueeze(1);
        var cos = doubled.cos().to_type(dtype);
        var sin = doubled.sin().to_type(dtype);
        return (cos.MoveToOuterDisposeScope(), sin.MoveToOuterDisposeScope());
    }

    /// <summary>Rotates x [B, heads, T, d] by the tables of <see cref="Tables"/>.</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        long half = x.shape[^1] / 2;
        var first = x.narrow(-1, 0, half);
        var second = x.narrow(-1, half, half);
        var rotated = cat([second.neg(), first], -1);
        return (x * cos).add(rotated * sin, held[1]).MoveToOuterDisposeScope();
    }
}
