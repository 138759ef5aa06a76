using EvoMerge.Merging.Methods.Tensors;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// TIES trimming: keep exactly k = floor(density * n) entries of largest magnitude. Differences from
/// mergekit: a linear-time selection instead of a full sort (same set when magnitudes are distinct),
/// and k = 0 drops the task vector for this tensor where mergekit stops with an assertion.
/// </summary>
public sealed class Magnitude : ISparsifier
{
    public ITaskVectorMask? Prepare(TaskVectorSource source, SparsificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Density >= 1) return null;
        long n = source.Count;
        long k = (long)Math.Floor(settings.Density * n);
        return RankRangeMask.Create(source, n - k, n);
    }
}
