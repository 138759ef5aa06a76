namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>
/// Splits a flattened tensor into chunks that are processed one after the other. Elementwise work on
/// chunks keeps every temporary small (cache-resident, recycled by the allocator) instead of allocating
/// several full-size tensors, which on CPU costs more than the arithmetic itself.
/// </summary>
public static class Chunking
{
    /// <summary>About 4 MiB of float32 per temporary.</summary>
    public const long DefaultChunkElements = 1 << 20;

    /// <summary>Chunks whose lengths are multiples of <paramref name="alignment"/> (the last may be shorter only if total is).</summary>
    public static IReadOnlyList<ChunkRange> Split(long total, long alignment = 1, long targetElements = DefaultChunkElements)
    {
        if (total < 0) throw new ArgumentOutOfRangeException(nameof(total), total, "must be non-negative");
        if (alignment < 1) throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "must be at least 1");
        if (targetElements < 1) throw new ArgumentOutOfRangeException(nameof(targetElements), targetElements, "must be at least 1");
        if (total % alignment != 0)
            throw new ArgumentException($"alignment {alignment} does not divide the element count {total}", nameof(alignment));

        long step = Math.Max(1, targetElements / alignment) * alignment;
        var chunks = new List<ChunkRange>((int)Math.Min(int.MaxValue, total / step + 1));
        for (long start = 0; start < total; start += step)
            chunks.Add(new ChunkRange(chunks.Count, start, Math.Min(step, total - start)));
        return chunks;
    }
}
