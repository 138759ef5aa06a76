using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// Keeps the entries whose rank lies in [from, to) when the task vector is ordered by magnitude
/// ascending, ties broken by index: exactly to - from entries. With distinct magnitudes this is the set
/// mergekit's sort-based code keeps (it breaks ties arbitrarily). The boundaries come from a
/// linear-time selection; ties at a boundary are resolved by index, which matters only for nonzero
/// ties (dropping or keeping a zero entry changes nothing).
/// </summary>
public sealed class RankRangeMask : ITaskVectorMask
{
    readonly TieWindow? _lower;   // boundary at rank `from`: magnitudes above it are kept
    readonly TieWindow? _upper;   // boundary at rank `to - 1`: magnitudes below it are kept
    readonly TieWindow? _only;    // both boundaries on one magnitude: only its ties in the window are kept

    RankRangeMask(TieWindow? lower, TieWindow? upper, TieWindow? only) => (_lower, _upper, _only) = (lower, upper, only);

    /// <summary>The mask keeping ranks [from, to) of <paramref name="source"/>, null when that is everything.</summary>
    public static ITaskVectorMask? Create(TaskVectorSource source, long from, long to)
    {
        ArgumentNullException.ThrowIfNull(source);
        long n = source.Count;
        from = Math.Max(0, from);
        to = Math.Min(n, to);
        if (from == 0 && to == n) return null;
        if (to <= from) return new DropAllMask();

        var ranks = new List<long>();
        if (from > 0) ranks.Add(from);
        if (to < n) ranks.Add(to - 1);
        var found = MagnitudeOrderStatistics.Find(source, ranks);

        TieWindow? lower = null, upper = null;
        if (from > 0)
        {
            var b = found[0];
            // A zero boundary only decides which zero entries are dropped, which changes nothing.
            if (b.Value > 0) lower = new TieWindow(b.Value, from - b.CountBelow, b.CountEqual, b.CountEqual);
        }
        if (to < n)
        {
            var b = found[^1];
            if (b.Value == 0) return new DropAllMask();   // every kept entry is zero
            upper = new TieWindow(b.Value, 0, to - b.CountBelow, b.CountEqual);
        }
        if (lower is null && upper is null) return null;

        if (lower is not null && upper is not null && lower.Value == upper.Value)
        {
            var only = new TieWindow(lower.Value, lower.From, upper.To, lower.CountEqual);
            return new RankRangeMask(null, null, only.KeepsAll ? only : TieWindow.WithTieCounts(source, [only])[0]);
        }

        var partial = new[] { lower, upper }.Where(w => w is { KeepsAll: false }).Cast<TieWindow>().ToArray();
        if (partial.Length > 0)
        {
            var counted = TieWindow.WithTieCounts(source, partial);
            if (lower is { KeepsAll: false }) lower = counted[0];
            if (upper is { KeepsAll: false }) upper = counted[^1];
        }
        return new RankRangeMask(lower, upper, null);
    }

    public void Apply(Tensor deltaChunk, ChunkRange chunk)
    {
        using var scope = NewDisposeScope();
        var magnitudes = deltaChunk.abs();
        if (_only is not null)
        {
            var tieMask = _only.KeepsAll ? magnitudes.eq(_only.Value).to(magnitudes.dtype) : _only.Mask(magnitudes, chunk);
            deltaChunk.mul_(tieMask);
            return;
        }

        Tensor? keep = null;
        if (_lower is not null)
            keep = _lower.KeepsAll ? magnitudes.clone().ge_(_lower.Value) : magnitudes.clone().gt_(_lower.Value);
        if (_upper is not null)
        {
            var below = _upper.KeepsAll ? magnitudes.clone().le_(_upper.Value) : magnitudes.clone().lt_(_upper.Value);
            keep = keep is null ? below : keep.mul_(below);
        }
        // Ties kept inside a partial window are disjoint from the strict range above, so they add.
        if (_lower is { KeepsAll: false }) keep!.add_(_lower.Mask(magnitudes, chunk));
        if (_upper is { KeepsAll: false }) keep!.add_(_upper.Mask(magnitudes, chunk));
        deltaChunk.mul_(keep!);
    }
}
