namespace EvoMerge.Models.Llama;

/// <summary>Kinds of rotary-embedding scaling the decoder implements (the config's <c>rope_scaling.rope_type</c>).</summary>
public enum RopeScalingKind
{
    /// <summary>Positions divided by <see cref="RopeScaling.Factor"/> (every frequency divided by it).</summary>
    Linear,

    /// <summary>Llama 3.1's frequency-dependent scaling (long wavelengths divided by the factor, short kept, a smooth blend between).</summary>
    Llama3,
}

/// <summary>
/// A config's <c>rope_scaling</c>. <see cref="LowFrequencyFactor"/>, <see cref="HighFrequencyFactor"/> and
/// <see cref="OriginalMaxPositionEmbeddings"/> are used by <see cref="RopeScalingKind.Llama3"/> only.
/// </summary>
public sealed record RopeScaling(
    RopeScalingKind Kind,
    double Factor,
    double LowFrequencyFactor = 1.0,
    double HighFrequencyFactor = 4.0,
    int OriginalMaxPositionEmbeddings = 8192);
