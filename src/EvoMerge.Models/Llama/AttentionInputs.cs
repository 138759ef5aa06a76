using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// What every layer of one forward step shares: rotary tables per rope setting used by the hops, additive
/// masks [B, 1, new, cached + new] per window (key 0: full causal), and where the new slots start in the
/// cache (0 without a cache). Each layer picks its own table and mask (Gemma's local/global layers differ).
/// </summary>
sealed class AttentionInputs(
    IReadOnlyDictionary<RopeSettings, (Tensor Cos, Tensor Sin)> rotary,
    IReadOnlyDictionary<int, Tensor> masks,
    int cacheStart)
{
    public const int FullAttention = 0;

    public int CacheStart => cacheStart;

    public (Tensor Cos, Tensor Sin) Rotary(RopeSettings settings) => rotary[settings];

    public Tensor Mask(int? window) => masks[window ?? FullAttention];
}
