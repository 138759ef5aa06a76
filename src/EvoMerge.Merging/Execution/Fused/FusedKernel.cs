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
    /// <summary>
    /// Whether each output element depends only on the inputs at the same index, so any range of the
    /// tensor can be computed on its own (by offset pointers), e.g. chunk by chunk into a small buffer.
    /// </summary>
    bool Elementwise { get; }

    /// <summary>Whether this kernel computes <paramref name="planned"/> exactly as the method would.</summary>
    bool Supports(PlannedTensor planned);

    /// <param name="inputs">One pointer per planned input, in plan order, to data of the compute dtype.</param>
    /// <param name="seed">Per-tensor seed for kernels that draw random numbers.</param>
    unsafe void Run(PlannedTensor planned, IntPtr[] inputs, byte* output, long elements, bool bf16, ulong seed);
}
