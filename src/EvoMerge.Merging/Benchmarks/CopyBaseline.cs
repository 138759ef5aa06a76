using System.Diagnostics;

namespace EvoMerge.Merging.Benchmarks;

/// <summary>
/// The merge benchmark's yardstick: read + write bandwidth of one large in-memory copy (2 x bytes / time, the
/// way merges count their inputs read plus output written), best of 5. One thread: on this class of machine one
/// core's copy already reaches the memory bandwidth, so the baseline is not lowered by splitting it.
/// </summary>
internal static class CopyBaseline
{
    const int Bytes = 256 << 20;
    const int Repeats = 5;

    /// <summary>GB/s now. The buffers are garbage afterwards, so they never count in a merge's peak memory.</summary>
    public static double Measure()
    {
        var source = GC.AllocateUninitializedArray<byte>(Bytes);
        var target = GC.AllocateUninitializedArray<byte>(Bytes);
        // Touch both so the timing does not include page faults.
        source.AsSpan().Fill(1);
        target.AsSpan().Fill(2);
        double best = double.MaxValue;
        for (int i = 0; i < Repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            source.AsSpan().CopyTo(target);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return 2.0 * Bytes / best / 1e9;
    }
}
