using System.Numerics;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Merging.Planning;
using TorchSharp;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// linear: y = sum(w_i x_i) / sum(w_i). As in mergekit's (weights * stack).sum(0): each product is
/// rounded to the compute dtype, the sum accumulates in float32 and is rounded once, then divided.
/// </summary>
internal sealed class LinearKernel : IFusedKernel
{
    public bool Supports(PlannedTensor planned)
    {
        if (!planned.Inputs.All(i => i.Parameters.ContainsKey("weight"))) return false;
        bool normalize = planned.GlobalParameters.GetValueOrDefault("normalize", 1) != 0;
        return !normalize || Divisor(planned, torch.ScalarType.Float32) != 0;
    }

    static double Divisor(PlannedTensor planned, torch.ScalarType dtype) =>
        DtypeScalars.Sum(planned.Inputs.Select(i => DtypeScalars.Round(i.Parameters["weight"], dtype)), dtype);

    public IFusedPass Prepare(PlannedTensor planned, IntPtr[] inputs, long elements, bool bf16, ulong seed)
    {
        var dtype = bf16 ? torch.ScalarType.BFloat16 : torch.ScalarType.Float32;
        float[] w = planned.Inputs.Select(i => (float)DtypeScalars.Round(i.Parameters["weight"], dtype)).ToArray();
        bool normalize = planned.GlobalParameters.GetValueOrDefault("normalize", 1) != 0;
        float divisor = normalize ? (float)Divisor(planned, dtype) : 1f;
        return new Pass(inputs, w, normalize, divisor, bf16);
    }

    sealed unsafe class Pass(IntPtr[] x, float[] w, bool normalize, float divisor, bool bf16) : ElementwiseFusedPass(bf16)
    {
        protected override void Range(long start, long end, byte* output, bool bf16)
        {
            int count = x.Length;
            long i = start;
            for (; i + Lanes.Step <= end; i += Lanes.Step)
            {
                Lanes.LoadAnyOrder((byte*)x[0], i, bf16, out var x0, out var x1);
                var s0 = Round(x0 * w[0], bf16);
                var s1 = Round(x1 * w[0], bf16);
                for (int k = 1; k < count; k++)
                {
                    Lanes.LoadAnyOrder((byte*)x[k], i, bf16, out x0, out x1);
                    s0 += Round(x0 * w[k], bf16);
                    s1 += Round(x1 * w[k], bf16);
                }
                if (normalize)
                {
                    s0 = Round(s0, bf16) / divisor;
                    s1 = Round(s1, bf16) / divisor;
                }
                Lanes.StoreAnyOrder(output, i - start, s0, s1, bf16);
            }
            for (; i < end; i++)
            {
                float s = Lanes.RoundScalar(Lanes.LoadScalar((byte*)x[0], i, bf16) * w[0], bf16);
                for (int k = 1; k < count; k++) s += Lanes.RoundScalar(Lanes.LoadScalar((byte*)x[k], i, bf16) * w[k], bf16);
                if (normalize) s = Lanes.RoundScalar(s, bf16) / divisor;
                Lanes.StoreScalar(output, i - start, s, bf16);
            }
        }
    }

    static Vector<float> Round(Vector<float> v, bool bf16) => bf16 ? Lanes.RoundBF16(v) : v;
}
