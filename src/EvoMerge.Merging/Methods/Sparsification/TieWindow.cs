using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// Entries whose magnitude equals <see cref="Value"/> are ordered by index; the window keeps those
/// with tie index j in [From, To). TiesBefore[c] counts the ties in the chunks before chunk c, so a
/// chunk can be masked on its own.
/// </summary>
public sealed record TieWindow(double Value, long From, long To, long CountEqual)
{
    public bool KeepsAll => From <= 0 && To >= CountEqual;

    public long[] TiesBefore { get; init; } = [];

    /// <summary>1 where the entry is a tie inside the window, else 0, in the dtype of <paramref name="magnitudes"/>.</summary>
    public Tensor Mask(Tensor magnitudes, ChunkRange chunk)
    {
        using var scope = NewDisposeScope();
        var isTie = magnitudes.eq(Value);
        // 1-based global tie index of every tie; tie index j = position - 1.
        var position = isTie.cumsum(0, ScalarType.Int64).add_(TiesBefore[chunk.Index]);
        var keep = isTie.logical_and_(position.gt(From)).logical_and_(position.le(To));
        return keep.to(magnitudes.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>The same window with per-chunk tie counts measured on <paramref name="source"/>.</summary>
    public static IReadOnlyList<TieWindow> WithTieCounts(TaskVectorSource source, IReadOnlyList<TieWindow> windows)
    {
        var before = windows.Select(_ => new long[source.Chunks.Count]).ToArray();
        var running = new long[windows.Count];
        foreach (var chunk in source.Chunks)
        {
            using var scope = NewDisposeScope();
            var magnitudes = source.Delta(chunk).abs_();
            for (int w = 0; w < windows.Count; w++)
            {
                before[w][chunk.Index] = running[w];
                running[w] += magnitudes.eq(windows[w].Value).sum().item<long>();
            }
        }
        return windows.Select((w, i) => w with { TiesBefore = before[i] }).ToArray();
    }
}
