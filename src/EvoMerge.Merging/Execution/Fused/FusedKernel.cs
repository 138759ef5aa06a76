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

    /// <param name="inputs">One pointer per planned input, in plan order, to data of the compute dtype.</param>
    /// <param name="seed">Per-tensor seed for kernels that draw random numbers.</param>
    unsafe void Run(PlannedTensor planned, IntPtr[] inputs, byte* output, long elements, bool bf16, ulong seed);

    /// <summary>
    /// Whatever needs the whole tensor (trim thresholds, random keep bits), then a pass that computes any
    /// range on its own, e.g. chunk by chunk into a small buffer. Elementwise kernels need nothing up front.
    /// </summary>
    IFusedPass Prepare(PlannedTensor planned, IntPtr[] inputs, long elements, bool bf16, ulong seed) =>
        new ElementwisePass(this, planned, inputs, bf16);
}

/// <summary>A prepared fused kernel for one tensor.</summary>
internal interface IFusedPass
{
    /// <summary>Entries [start, end) into <paramref name="output"/>, which receives entry <paramref name="start"/> first.</summary>
    unsafe void Run(long start, long end, byte* output);
}
