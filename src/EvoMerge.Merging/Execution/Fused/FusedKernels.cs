using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>The fused CPU kernels by method name, and the conditions under which any may run.</summary>
internal static class FusedKernels
{
    static readonly Dictionary<string, IFusedKernel> ByMethod = new()
    {
        ["linear"] = new LinearKernel(),
        ["task_arithmetic"] = new TaskArithmeticKernel(),
        ["ties"] = new TiesKernel(random: false),
        ["dare_ties"] = new TiesKernel(random: true),
    };

    /// <summary>
    /// A kernel for this tensor when inputs, compute and output share one dtype (float32 or
    /// bfloat16), nothing is cropped and the method has a kernel that supports its parameters.
    /// </summary>
    public static IFusedKernel? For(string method, PlannedTensor planned, IReadOnlyList<SafeTensorDType> inputDTypes)
    {
        if (planned.CopyOnly || planned.CropRows != null) return null;
        if (planned.ComputeDType is not (SafeTensorDType.F32 or SafeTensorDType.BF16)) return null;
        if (planned.OutputDType != planned.ComputeDType || inputDTypes.Any(d => d != planned.ComputeDType)) return null;
        if (planned.ElementCount < 2L * Lanes.Step) return null;
        return ByMethod.TryGetValue(method, out var kernel) && kernel.Supports(planned) ? kernel : null;
    }

    /// <summary>Elements per parallel block (a multiple of every SIMD step).</summary>
    public const long BlockElements = 1 << 16;

    public static long BlockCount(long elements) => (elements + BlockElements - 1) / BlockElements;

    public static (long Start, long End) BlockRange(long block, long elements) =>
        (block * BlockElements, Math.Min(elements, (block + 1) * BlockElements));

    /// <summary>Runs <paramref name="body"/>(start, end) over blocks on all cores.</summary>
    public static void ForBlocks(long elements, Action<long, long> body) =>
        Parallel.For(0, BlockCount(elements), b => { var (start, end) = BlockRange(b, elements); body(start, end); });

    /// <summary>Runs <paramref name="body"/>(block, start, end) over blocks on all cores.</summary>
    public static void ForBlocks(long elements, Action<long, long, long> body) =>
        Parallel.For(0, BlockCount(elements), b => { var (start, end) = BlockRange(b, elements); body(b, start, end); });
}
