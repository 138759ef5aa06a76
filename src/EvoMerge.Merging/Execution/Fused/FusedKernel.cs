using EvoMerge.Merging.Planning;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// A CPU merge kernel that reads its inputs straight from the memory-mapped checkpoints and writes
/// the output in one pass, instead of copying every input into a tensor first. Used for the
/// bandwidth-bound methods when merging on the CPU; the TorchSharp methods remain the reference
/// (and the path on CUDA). Rounding follows mergekit's tensor arithmetic in the compute dtype.
/// </summary>
internal interface IFusedKernel
{
    /// <summary>Whether this kernel computes <paramref name="planned"/> exactly as the method would.</summary>
    bool Supports(PlannedTensor planned);

    /// <summary>
    /// Whatever needs the whole tensor (trim thresholds, random keep bits, rounded weights), then a pass that
    /// computes any range on its own, e.g. block by block into a small buffer.
    /// </summary>
    /// <param name="inputs">One pointer per planned input, in plan order, to data of the compute dtype.</param>
    /// <param name="seed">Per-tensor seed for kernels that draw random numbers.</param>
    IFusedPass Prepare(PlannedTensor planned, IntPtr[] inputs, long elements, bool bf16, ulong seed);

    /// <summary>The whole tensor on all cores.</summary>
    unsafe void Run(PlannedTensor planned, IntPtr[] inputs, byte* output, long elements, bool bf16, ulong seed) =>
        Prepare(planned, inputs, elements, bf16, seed).Run(0, elements, output);
}

/// <summary>A prepared fused kernel for one tensor.</summary>
internal interface IFusedPass
{
    /// <summary>Bytes per entry of the output (and of every input).</summary>
    int ElementSize { get; }

    /// <summary>
    /// Entries [start, end) on the calling thread into <paramref name="output"/>, which receives entry
    /// <paramref name="start"/> first. Callers run blocks of <see cref="FusedKernels.BlockElements"/> in parallel.
    /// </summary>
    unsafe void RunRange(long start, long end, byte* output);

    /// <summary>Entries [start, end) on all cores, block by block (<paramref name="start"/> on a block boundary).</summary>
    unsafe void Run(long start, long end, byte* output)
    {
        IntPtr target = (IntPtr)output;
        int size = ElementSize;
        FusedKernels.ForBlocks(end - start, (from, to) => RunRange(start + from, start + to, (byte*)target + from * size));
    }
}
