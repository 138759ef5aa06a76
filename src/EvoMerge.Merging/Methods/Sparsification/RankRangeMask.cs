using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
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

    public void Apply(Tensor deltaChunk, ChunkRange chunk, ChunkWorkspace workspace)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var dtype = deltaChunk.dtype;
        long length = chunk.Length;
        var magnitudes = workspace.Get("rank-range/magnitudes", dtype, length).copy_(deltaChunk).abs_();
        if (_only is not null)
        {
            switch (_only.ShareIn(chunk))
            {
                case TieShare.All: deltaChunk.mul_(magnitudes.eq_(held[_only.Value])); break;
                case TieShare.None: deltaChunk.zero_(); break;
                default: deltaChunk.mul_(_only.Mask(magnitudes, chunk)); break;
            }
            return;
        }

        var lowerShare = _lower?.ShareIn(chunk);
        var upperShare = _upper?.ShareIn(chunk);
        bool tiesLater = lowerShare == TieShare.Some || upperShare == TieShare.Some;
        // Comparisons run in place on copies; |d| itself is kept only while something still reads it.
        Tensor? keep = null;
        if (_lower is not null)
        {
            keep = tiesLater || _upper is not null ? workspace.Get("rank-range/keep", dtype, length).copy_(magnitudes) : magnitudes;
            if (lowerShare == TieShare.All) keep.ge_(held[_lower.Value]); else keep.gt_(held[_lower.Value]);
        }
        if (_upper is not null)
        {
            var below = tiesLater ? workspace.Get("rank-range/below", dtype, length).copy_(magnitudes) : magnitudes;
            if (upperShare == TieShare.All) below.le_(held[_upper.Value]); else below.lt_(held[_upper.Value]);
            keep = keep is null ? below : keep.mul_(below);
        }
        // Ties kept inside a partial window are disjoint from the strict range above, so they add.
        if (lowerShare == TieShare.Some) keep!.add_(_lower!.Mask(magnitudes, chunk), held[1]);
        if (upperShare == TieShare.Some) keep!.add_(_upper!.Mask(magnitudes, chunk), held[1]);
        deltaChunk.mul_(keep!);
    }
}
