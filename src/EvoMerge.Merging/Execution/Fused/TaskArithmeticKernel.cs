using System.Numerics;
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
            normalize, divisor, lambda, bf16);
    }

    sealed unsafe class Pass(IntPtr b, IntPtr[] x, float[] w, bool normalize, float divisor, float lambda, bool bf16) : ElementwiseFusedPass(bf16)
    {
        protected override void Range(long start, long end, byte* output, bool bf16)
        {
            bool scale = lambda != 1f;
            int count = x.Length;
            long i = start;
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
    }

    static Vector<float> R(Vector<float> v, bool bf16) => bf16 ? Lanes.RoundBF16(v) : v;
}
