using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// A range of an elementwise kernel's tensor: each output entry depends only on the inputs at the same
/// index, so the range is the whole-tensor kernel run on input pointers moved to its start.
/// </summary>
internal sealed class ElementwisePass(IFusedKernel kernel, PlannedTensor planned, IntPtr[] inputs, bool bf16) : IFusedPass
{
    readonly int _size = SafeTensorDTypes.SizeOf(planned.ComputeDType);

    public unsafe void Run(long start, long end, byte* output)
    {
        var shifted = inputs.Select(p => p + (nint)(start * _size)).ToArray();
        kernel.Run(planned, shifted, output, end - start, bf16, seed: 0);
    }
}
