using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Merging.Planning;
using TorchSharp;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// task_arithmetic: y = b + lambda * sum(w_i (x_i - b)) [/ sum(w_i) with normalize], rounding where
/// mergekit's tensors round: the deltas, the weighted deltas, the float32-accumulated sum, the
/// normalized and scaled sum, and the final addition. A divisor with |sum w| below 1e-8 becomes 1.
/// </summary>
internal sealed class TaskArithmeticKernel : IFusedKernel
{
    /// <summary>bfloat16 in 512-bit vectors where the CPU runs them (tests turn it off to check the other path).</summary>
    internal bool WideVectors { get; init; } = WideBf16Lanes.IsAccelerated;

    public bool Supports(PlannedTensor planned) =>
        planned.Inputs.Count(i => i.IsBase) == 1 &&
        planned.Inputs.Where(i => !i.IsBase).All(i => i.Parameters.ContainsKey("weight")) &&
        planned.Inputs.Any(i => !i.IsBase);

    public IFusedPass Prepare(PlannedTensor planned, IntPtr[] inputs, long elements, bool bf16, ulong seed)
    {
        var dtype = bf16 ? torch.ScalarType.BFloat16 : torch.ScalarType.Float32;
        int baseIndex = planned.Inputs.ToList().FindIndex(i => i.IsBase);
        var others = Enumerable.Range(0, inputs.Length).Where(k => k != baseIndex).ToArray();
        var weights = others.Select(k => DtypeScalars.Round(planned.Inputs[k].Parameters["weight"], dtype)).ToArray();
        bool normalize = planned.GlobalParameters.GetValueOrDefault("normalize", 0) != 0;
        double divisorValue = DtypeScalars.Sum(weights, dtype);
        float divisor = !normalize || Math.Abs(divisorValue) < 1e-8 ? 1f : (float)divisorValue;
        // mergekit scales in place (mixed *= lambda), and an in-place scalar op rounds the scalar to the dtype first.
        float lambda = (float)DtypeScalars.Round(planned.GlobalParameters.GetValueOrDefault("lambda", 1), dtype);
        return new Pass(inputs[baseIndex], others.Select(k => inputs[k]).ToArray(), weights.Select(v => (float)v).ToArray(),
            normalize, divisor, lambda, bf16, WideVectors);
    }

    sealed unsafe class Pass(IntPtr b, IntPtr[] x, float[] w, bool normalize, float divisor, float lambda, bool bf16, bool wide) : ElementwiseFusedPass(bf16)
    {
        // Fully optimized from the first call: a merge runs each block once, too few calls for tiered compilation to reach it in time.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override void Range(long start, long end, byte* output, bool bf16)
        {
            bool scale = lambda != 1f;
            int count = x.Length;
            long i = bf16 && wide ? WideBf16(start, end, output) : start;
            for (; i + Lanes.Step <= end; i += Lanes.Step)
            {
                Lanes.LoadAnyOrder((byte*)b, i, bf16, out var b0, out var b1);
                var m0 = Vector<float>.Zero;
                var m1 = Vector<float>.Zero;
                for (int k = 0; k < count; k++)
                {
                    Lanes.LoadAnyOrder((byte*)x[k], i, bf16, out var x0, out var x1);
                    m0 += R(R(x0 - b0, bf16) * w[k], bf16);
                    m1 += R(R(x1 - b1, bf16) * w[k], bf16);
                }
                m0 = R(m0, bf16);
                m1 = R(m1, bf16);
                if (normalize) { m0 = R(m0 / divisor, bf16); m1 = R(m1 / divisor, bf16); }
                if (scale) { m0 = R(m0 * lambda, bf16); m1 = R(m1 * lambda, bf16); }
                Lanes.StoreAnyOrder(output, i - start, b0 + m0, b1 + m1, bf16);
            }
            for (; i < end; i++)
            {
                float bv = Lanes.LoadScalar((byte*)b, i, bf16), m = 0;
                for (int k = 0; k < count; k++) m += Lanes.RoundScalar(Lanes.RoundScalar(Lanes.LoadScalar((byte*)x[k], i, bf16) - bv, bf16) * w[k], bf16);
                m = Lanes.RoundScalar(m, bf16);
                if (normalize) m = Lanes.RoundScalar(m / divisor, bf16);
                if (scale) m = Lanes.RoundScalar(m * lambda, bf16);
                Lanes.StoreScalar(output, i - start, bv + m, bf16);
            }
        }

        readonly Vector512<float>[] _weights = [.. w.Select(Vector512.Create)];

        /// <summary>Whole 512-bit steps of bfloat16 from <paramref name="start"/>, rounding as above; returns where they stop.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        long WideBf16(long start, long end, byte* output)
        {
            int count = x.Length;
            var weights = _weights;
            var divide = Vector512.Create(divisor);
            var scaleBy = Vector512.Create(lambda);
            bool scale = lambda != 1f;
            long i = start;
            for (; i + WideBf16Lanes.Step <= end; i += WideBf16Lanes.Step)
            {
                WideBf16Lanes.Load((byte*)b, i, out var b0, out var b1);
                var m0 = Vector512<float>.Zero;
                var m1 = Vector512<float>.Zero;
                for (int k = 0; k < count; k++)
                {
                    WideBf16Lanes.Load((byte*)x[k], i, out var x0, out var x1);
                    m0 += WideBf16Lanes.Round(WideBf16Lanes.Round(x0 - b0) * weights[k]);
                    m1 += WideBf16Lanes.Round(WideBf16Lanes.Round(x1 - b1) * weights[k]);
                }
                m0 = WideBf16Lanes.Round(m0);
                m1 = WideBf16Lanes.Round(m1);
                if (normalize) { m0 = WideBf16Lanes.Round(m0 / divide); m1 = WideBf16Lanes.Round(m1 / divide); }
                if (scale) { m0 = WideBf16Lanes.Round(m0 * scaleBy); m1 = WideBf16Lanes.Round(m1 * scaleBy); }
                WideBf16Lanes.Store(output, i - start, b0 + m0, b1 + m1);
            }
            return i;
        }
    }

    static Vector<float> R(Vector<float> v, bool bf16) => bf16 ? Lanes.RoundBF16(v) : v;
}
