using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// Entries whose magnitude equals <see cref="Value"/> are ordered by index; the window keeps those
/// with tie index j in [From, To). TiesBefore[c] counts the ties in the chunks before chunk c (one
/// more element holds the total), so each chunk knows whether it keeps all, none or some of its ties;
/// only the (at most two) chunks where the window starts or ends need per-entry positions.
/// </summary>
public sealed record TieWindow(double Value, long From, long To, long CountEqual)
{
    public bool KeepsAll => From <= 0 && To >= CountEqual;

    public long[] TiesBefore { get; init; } = [];

    /// <summary>Which of the chunk's ties the window keeps.</summary>
    public TieShare ShareIn(ChunkRange chunk)
    {
        if (KeepsAll) return TieShare.All;
        long first = TiesBefore[chunk.Index], end = TiesBefore[chunk.Index + 1];
        if (first == end || end <= From || first >= To) return TieShare.None;
        return first >= From && end <= To ? TieShare.All : TieShare.Some;
    }

    /// <summary>1 where the entry is a tie inside the window, else 0, in the dtype of <paramref name="magnitudes"/>.</summary>
    public Tensor Mask(Tensor magnitudes, ChunkRange chunk)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var isTie = magnitudes.eq(held[Value]);
        // 1-based global tie index of every tie; tie index j = position - 1.
        var position = isTie.cumsum(0, ScalarType.Int64).add_(held[TiesBefore[chunk.Index]], held[1]);
        var keep = isTie.logical_and_(position.gt(held[From])).logical_and_(position.le(held[To]));
        return keep.to(magnitudes.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>The same windows with per-chunk tie counts measured on <paramref name="source"/>.</summary>
    public static IReadOnlyList<TieWindow> WithTieCounts(TaskVectorSource source, IReadOnlyList<TieWindow> windows)
    {
        var before = windows.Select(_ => new long[source.Chunks.Count + 1]).ToArray();
        using var workspace = ChunkWorkspace.For(source.Chunks, source.Device);
        using var held = new HeldScalars();   // one tie value per window, the same in every chunk
        foreach (var chunk in source.Chunks)
        {
            using var scope = NewDisposeScope();
            var magnitudes = source.Delta(chunk, workspace.Get("ties/delta", source.Dtype, chunk.Length)).abs_();
            var isTie = workspace.Get("ties/is-tie", source.Dtype, chunk.Length);
            for (int w = 0; w < windows.Count; w++)
            {
                long count = isTie.copy_(magnitudes).eq_(held[windows[w].Value]).sum(ScalarType.Int64).item<long>();
                before[w][chunk.Index + 1] = before[w][chunk.Index] + count;
            }
        }
        return windows.Select((w, i) => w with { TiesBefore = before[i] }).ToArray();
    }
}

/// <summary>How many of a chunk's ties a <see cref="TieWindow"/> keeps.</summary>
public enum TieShare { None, Some, All }
