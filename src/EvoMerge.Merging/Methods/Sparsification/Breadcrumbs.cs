using EvoMerge.Merging.Methods.Tensors;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// Model Breadcrumbs: with n entries ordered by magnitude, drop the n_top = floor(gamma * n) largest
/// and the n_bot = n - floor(density * n) - n_top smallest (when n_bot would be negative, fewer large
/// ones are dropped instead). Deliberate difference from mergekit: its slice [n_bot:-n_top] is empty
/// when n_top is 0, so it drops the whole task vector of every tensor with fewer than 1/gamma entries;
/// here n_top = 0 keeps the top of the range and only the n_bot smallest are dropped.
/// </summary>
public sealed class Breadcrumbs : ISparsifier
{
    public ITaskVectorMask? Prepare(TaskVectorSource source, SparsificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Density >= 1) return null;   // as mergekit: gamma has no effect at density 1
        long n = source.Count;
        long kept = (long)Math.Floor(settings.Density * n);
        long top = (long)Math.Floor(settings.Gamma * n);
        long bottom = n - kept - top;
        if (bottom < 0)
        {
            top += bottom;
            bottom = 0;
        }
        return RankRangeMask.Create(source, bottom, n - top);
    }
}
