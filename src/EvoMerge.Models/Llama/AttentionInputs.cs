using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// What every layer of one forward step shares: rotary tables for the new slots, the additive mask
/// [B, 1, new, cached + new] and where the new slots start in the cache (0 without a cache).
/// </summary>
sealed record AttentionInputs(Tensor Cos, Tensor Sin, Tensor Mask, int CacheStart);
