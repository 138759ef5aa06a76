namespace EvoMerge.Merging.Execution.Fused;

/// <summary>A pass whose entries each depend only on the inputs at the same index, its loop written once for both dtypes.</summary>
internal abstract unsafe class ElementwiseFusedPass(bool bf16) : IFusedPass
{
    public int ElementSize => bf16 ? 2 : 4;

    public void RunRange(long start, long end, byte* output) => Range(start, end, output, bf16);

    /// <summary>Entries [start, end) into <paramref name="output"/> (entry <paramref name="start"/> first) in the given dtype.</summary>
    protected abstract void Range(long start, long end, byte* output, bool bf16);
}
