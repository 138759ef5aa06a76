using EvoMerge.Merging.Methods.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// Order statistics of a task vector's magnitudes in linear time (mergekit sorts the whole tensor).
/// On CPU a radix selection over the float bit patterns reads the task vector a few times without
/// sorting or copying it; elsewhere torch.kthvalue does the selection.
/// </summary>
public static class MagnitudeOrderStatistics
{
    /// <param name="ranks">0-based ranks in ascending order of |d| (any order, duplicates allowed).</param>
    public static MagnitudeBoundary[] Find(TaskVectorSource source, IReadOnlyList<long> ranks)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ranks);
        foreach (var r in ranks)
            if (r < 0 || r >= source.Count)
                throw new ArgumentOutOfRangeException(nameof(ranks), r, $"rank must lie in [0, {source.Count})");
        if (ranks.Count == 0) return [];
        return source.Device.type == DeviceType.CPU
            ? RadixSelect.Find(source, ranks)
            : KthValueSelect.Find(source, ranks);
    }
}
