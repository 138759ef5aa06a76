using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    /// <summary>bfloat16 in 512-bit vectors where the CPU runs them (tests turn it off to check the other path).</summary>
    internal bool WideVectors { get; init; } = WideBf16Lanes.IsAccelerated;

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
        return new Pass(inputs, w, normalize, divisor, bf16, WideVectors);
    }

    sealed unsafe class Pass(IntPtr[] x, float[] w, bool normalize, float divisor, bool bf16, bool wide) : ElementwiseFusedPass(bf16)
    {
        // Fully optimized from the first call: a merge runs each block once, too few calls for tiered compilation to reach it in time.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override void Range(long start, long end, byte* output, bool bf16)
        {
            int count = x.Length;
            long i = bf16 && wide ? WideBf16(start, end, output) : start;
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

        readonly Vector512<float>[] _weights = [.. w.Select(Vector512.Create)];

        /// <summary>Whole 512-bit steps of bfloat16 from <paramref name="start"/>; returns where they stop.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        long WideBf16(long start, long end, byte* output)
        {
            int count = x.Length;
            var weights = _weights;
            var divide = Vector512.Create(divisor);
            long i = start;
            for (; i + WideBf16Lanes.Step <= end; i += WideBf16Lanes.Step)
            {
                WideBf16Lanes.Load((byte*)x[0], i, out var x0, out var x1);
                var s0 = WideBf16Lanes.Round(x0 * weights[0]);
                var s1 = WideBf16Lanes.Round(x1 * weights[0]);
                for (int k = 1; k < count; k++)
                {
                    WideBf16Lanes.Load((byte*)x[k], i, out x0, out x1);
                    s0 += WideBf16Lanes.Round(x0 * weights[k]);
                    s1 += WideBf16Lanes.Round(x1 * weights[k]);
                }
                if (normalize)
                {
                    s0 = WideBf16Lanes.Round(s0) / divide;
                    s1 = WideBf16Lanes.Round(s1) / divide;
                }
                WideBf16Lanes.Store(output, i - start, s0, s1);
            }
            return i;
        }
    }

    static Vector<float> Round(Vector<float> v, bool bf16) => bf16 ? Lanes.RoundBF16(v) : v;
}
