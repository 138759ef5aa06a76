using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using EvoMerge.Core.Randomness;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Merging.Planning;
using TorchSharp;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// ties and dare_ties in few passes over the mapped inputs. Per model, one preparation pass: the
/// TIES trim threshold (<see cref="MagnitudeThreshold"/>), or DARE's Bernoulli keep bits with the L1
/// norms for the rescale. Then one merge pass: trimmed task vectors u_i = w_i d_i', elected sign
/// s = +1 where sum u_i >= 0, y = b + lambda * sum(u_i [sign u_i = s]) / sum(w_i [sign u_i = s]) (a
/// zero divisor becomes 1), rounding where mergekit's tensors round.
/// DARE's keep draws come from one seeded stream per block of entries (seed from the tensor's seed and
/// the model): the same Bernoulli(density) distribution as torch.bernoulli with 24-bit resolution,
/// reproducible, and independent of the number of threads.
/// </summary>
internal sealed class TiesKernel(bool random) : IFusedKernel
{
    /// <summary>bfloat16 in 512-bit vectors where the CPU runs them (tests turn it off to check the other path).</summary>
    internal bool WideVectors { get; init; } = WideBf16Lanes.IsAccelerated;

    public bool Supports(PlannedTensor planned)
    {
        var others = planned.Inputs.Where(i => !i.IsBase).ToList();
        if (planned.Inputs.Count(i => i.IsBase) != 1 || others.Count == 0) return false;
        if (!others.All(i => i.Parameters.ContainsKey("weight"))) return false;
        if (random && planned.GlobalParameters.GetValueOrDefault("dare_rescale_inverse_density", 0) != 0) return false;
        return others.All(i => i.Parameters.GetValueOrDefault("density", 1) is > 0 and <= 1);
    }

    /// <summary>Per-tensor seed for the DARE draws; set by the executor.</summary>
    public static ulong SeedFor(ulong tensorSeed, int model) => SeedMix.ForIndex(tensorSeed, model);

    /// <summary>The trim thresholds or DARE keep bits of the whole tensor, then a merge pass over any range.</summary>
    public IFusedPass Prepare(PlannedTensor planned, IntPtr[] inputs, long elements, bool bf16, ulong tensorSeed)
    {
        var dtype = bf16 ? torch.ScalarType.BFloat16 : torch.ScalarType.Float32;
        int baseIndex = planned.Inputs.ToList().FindIndex(i => i.IsBase);
        var others = Enumerable.Range(0, inputs.Length).Where(k => k != baseIndex).ToArray();
        IntPtr b = inputs[baseIndex];
        IntPtr[] x = others.Select(k => inputs[k]).ToArray();
        float[] w = others.Select(k => (float)DtypeScalars.Round(planned.Inputs[k].Parameters["weight"], dtype)).ToArray();
        double[] density = others.Select(k => planned.Inputs[k].Parameters.GetValueOrDefault("density", 1)).ToArray();
        bool normalize = planned.GlobalParameters.GetValueOrDefault("normalize", random ? 0 : 1) != 0;
        bool rescale = planned.GlobalParameters.GetValueOrDefault("rescale", random ? 1 : 0) != 0;
        // mergekit scales in place (mixed *= lambda), and an in-place scalar op rounds the scalar to the dtype first.
        float lambda = (float)DtypeScalars.Round(planned.GlobalParameters.GetValueOrDefault("lambda", 1), dtype);
        int count = x.Length;

        // Preparation: one trim rule per model.
        var thresholds = new MagnitudeThreshold?[count];
        var keepBits = new ulong[count][];
        var factors = new float[count];
        var trimmed = Enumerable.Range(0, count).Where(k => density[k] < 1).ToArray();
        if (!random && trimmed.Length > 0)
        {
            // All models' thresholds in shared passes over the inputs.
            var found = MagnitudeThreshold.FindAll(trimmed.Select(k => x[k]).ToArray(), b, elements, bf16,
                trimmed.Select(k => (long)(density[k] * elements)).ToArray());
            for (int j = 0; j < trimmed.Length; j++) thresholds[trimmed[j]] = found[j];
        }
        Array.Fill(factors, 1f);
        var dropped = Enumerable.Range(0, count).Where(k => random && density[k] < 1).ToArray();
        if (dropped.Length > 0)
        {
            // All models' keep bits and norms in one pass over the inputs, reading each block of the base once.
            var (bits, rescales) = DrawKeeps([.. dropped.Select(k => x[k])], b, elements, bf16, [.. dropped.Select(k => density[k])],
                [.. dropped.Select(k => SeedFor(tensorSeed, k))], rescale, dtype, bf16 && WideVectors);
            for (int j = 0; j < dropped.Length; j++) (keepBits[dropped[j]], factors[dropped[j]]) = (bits[j], rescales[j]);
        }

        var wide = bf16 && WideVectors && count <= TiesWideBf16Steps.MaxModels
            ? new TiesWideBf16Steps(x, b, w, factors, thresholds, keepBits, normalize, lambda)
            : null;
        return new Scalars(x, b, bf16, w, factors, thresholds, keepBits, normalize, lambda, wide);
    }

    /// <summary>
    /// The merge pass: whole SIMD steps, except a step holding a model's first kept tie (that one goes
    /// one entry at a time), then the tail.
    /// </summary>
    sealed unsafe class Scalars(IntPtr[] x, IntPtr b, bool bf16, float[] w, float[] factors,
        MagnitudeThreshold?[] thresholds, ulong[]?[] keepBits, bool normalize, float lambda, TiesWideBf16Steps? wide) : IFusedPass
    {
        readonly int _count = x.Length;

        public int ElementSize => bf16 ? 2 : 4;

        /// <summary>Entries [start, end) into <paramref name="output"/>, which holds entry <paramref name="start"/> first.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void RunRange(long start, long end, byte* output)
        {
            // Indices stay absolute (keep bits, first kept ties); stores go relative to the range's start.
            long i = start;
            while (wide != null)
            {
                i = wide.Run(i, end, output, start);
                if (i + WideBf16Lanes.Step > end) break;
                // The step holding a model's first kept tie, entry by entry.
                Tail(i, i + WideBf16Lanes.Step, output, start);
                i += WideBf16Lanes.Step;
            }
            if (Vector<float>.Count <= 16) i = Vectors(i, end, output, start); // a step's keep bits fit in 32 bits
            Tail(i, end, output, start);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        long Vectors(long start, long end, byte* output, long origin)
        {
            // Entries in LoadAnyOrder's order: for bfloat16 the low vector holds the even entries of a step, the high
            // one the odd ones, so their keep bits are the even and odd bits of the step's word.
            int lanes = Vector<float>.Count;
            var lowBits = bf16 ? LaneBitsOf(stride: 2, first: 0) : LaneBitsOf();
            var highBits = bf16 ? LaneBitsOf(stride: 2, first: 1) : LaneBitsOf();
            int highShift = bf16 ? 0 : lanes;
            var uLow = new Vector<float>[_count];
            var uHigh = new Vector<float>[_count];
            long i = start;
            for (; i + Lanes.Step <= end; i += Lanes.Step)
            {
                Lanes.LoadAnyOrder((byte*)b, i, bf16, out var b0, out var b1);
                if (StraddlesFirstKeptTie(i))
                {
                    Tail(i, i + Lanes.Step, output, origin);
                    continue;
                }
                var s0 = Vector<float>.Zero;
                var s1 = Vector<float>.Zero;
                for (int k = 0; k < _count; k++)
                {
                    Lanes.LoadAnyOrder((byte*)x[k], i, bf16, out var x0, out var x1);
                    var d0 = R(x0 - b0);
                    var d1 = R(x1 - b1);
                    if (thresholds[k] is { } t)
                    {
                        if (t.KeepNone) { d0 = d1 = Vector<float>.Zero; }
                        else if (i >= t.FirstKeptTie)
                        {
                            var limit = new Vector<float>(t.Threshold);
                            d0 = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(Vector.Abs(d0), limit), d0, Vector<float>.Zero);
                            d1 = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(Vector.Abs(d1), limit), d1, Vector<float>.Zero);
                        }
                        else
                        {
                            // The whole step lies before the first kept tie: ties are dropped.
                            var limit = new Vector<float>(t.Threshold);
                            d0 = Vector.ConditionalSelect(Vector.GreaterThan(Vector.Abs(d0), limit), d0, Vector<float>.Zero);
                            d1 = Vector.ConditionalSelect(Vector.GreaterThan(Vector.Abs(d1), limit), d1, Vector<float>.Zero);
                        }
                    }
                    else if (keepBits[k] is { } bits)
                    {
                        ulong word = bits[i >> 6] >> (int)(i & 63);
                        d0 = Vector.ConditionalSelect(MaskOf(word, lowBits), d0, Vector<float>.Zero);
                        d1 = Vector.ConditionalSelect(MaskOf(word >> highShift, highBits), d1, Vector<float>.Zero);
                    }
                    if (factors[k] != 1) { d0 = R(d0 * factors[k]); d1 = R(d1 * factors[k]); }
                    uLow[k] = R(d0 * w[k]);
                    uHigh[k] = R(d1 * w[k]);
                    s0 += uLow[k];
                    s1 += uHigh[k];
                }
                Lanes.StoreAnyOrder(output, i - origin, Finish(b0, R(s0), uLow), Finish(b1, R(s1), uHigh), bf16);
            }
            return i;
        }

        /// <summary>Whether a model's first kept tie lies inside this step (once per model and tensor at most).</summary>
        bool StraddlesFirstKeptTie(long i)
        {
            for (int k = 0; k < _count; k++)
                if (thresholds[k] is { } t && t.FirstKeptTie > i && t.FirstKeptTie < i + Lanes.Step) return true;
            return false;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        Vector<float> Finish(Vector<float> baseValues, Vector<float> sum, Vector<float>[] u)
        {
            var positive = Vector.GreaterThanOrEqual(sum, Vector<float>.Zero);
            var mixed = Vector<float>.Zero;
            var divisor = Vector<float>.Zero;
            for (int k = 0; k < _count; k++)
            {
                var match = Vector.ConditionalSelect(positive,
                    Vector.GreaterThan(u[k], Vector<float>.Zero), Vector.LessThan(u[k], Vector<float>.Zero));
                mixed += Vector.ConditionalSelect(match, u[k], Vector<float>.Zero);
                divisor += Vector.ConditionalSelect(match, new Vector<float>(w[k]), Vector<float>.Zero);
            }
            mixed = R(mixed);
            divisor = R(divisor);
            if (normalize)
                mixed = R(mixed / Vector.ConditionalSelect(Vector.Equals(divisor, Vector<float>.Zero), Vector<float>.One, divisor));
            if (lambda != 1) mixed = R(mixed * lambda);
            return baseValues + mixed;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Tail(long start, long end, byte* output, long origin)
        {
            Span<float> u = stackalloc float[_count];
            for (long i = start; i < end; i++)
            {
                float bv = Lanes.LoadScalar((byte*)b, i, bf16);
                float sum = 0;
                for (int k = 0; k < _count; k++)
                {
                    float d = Lanes.RoundScalar(Lanes.LoadScalar((byte*)x[k], i, bf16) - bv, bf16);
                    bool keep = thresholds[k] is { } t
                        ? t.Keeps(MathF.Abs(d), i)
                        : keepBits[k] is not { } bits || (bits[i >> 6] & (1UL << (int)(i & 63))) != 0;
                    if (!keep) d = 0;
                    else if (factors[k] != 1) d = Lanes.RoundScalar(d * factors[k], bf16);
                    u[k] = Lanes.RoundScalar(d * w[k], bf16);
                    sum += u[k];
                }
                bool positive = Lanes.RoundScalar(sum, bf16) >= 0;
                float mixed = 0, divisor = 0;
                for (int k = 0; k < _count; k++)
                    if (positive ? u[k] > 0 : u[k] < 0) { mixed += u[k]; divisor += w[k]; }
                mixed = Lanes.RoundScalar(mixed, bf16);
                divisor = Lanes.RoundScalar(divisor, bf16);
                if (normalize) mixed = Lanes.RoundScalar(mixed / (divisor == 0 ? 1 : divisor), bf16);
                if (lambda != 1) mixed = Lanes.RoundScalar(mixed * lambda, bf16);
                Lanes.StoreScalar(output, i - origin, bv + mixed, bf16);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        Vector<float> R(Vector<float> v) => bf16 ? Lanes.RoundBF16(v) : v;
    }

    /// <summary>Per model, Bernoulli(density) keep bits and the L1 rescale factor |d|_1 / |d kept|_1 (1 when either is below 1e-7), all models in one pass.</summary>
    static (ulong[][] Bits, float[] Factors) DrawKeeps(IntPtr[] x, IntPtr b, long elements, bool bf16, double[] density, ulong[] seeds,
        bool rescale, torch.ScalarType dtype, bool wide)
    {
        int n = x.Length;
        var bits = x.Select(_ => new ulong[(elements + 63) / 64]).ToArray();
        var thresholds = density.Select(KeepBitDraws.Threshold).ToArray();
        long blocks = FusedKernels.BlockCount(elements);
        // before[m * blocks + block]: model m's norm over the block, all entries; after: kept entries only.
        var before = new double[n * blocks];
        var after = new double[n * blocks];
        // Groups of blocks whose keep bits are drawn together, then the norms block by block while the bits are in the cache.
        const int Group = 4;
        Parallel.For(0, (blocks + Group - 1) / Group, group =>
        {
            long first = group * Group;
            int count = (int)Math.Min(Group, blocks - first);
            for (int m = 0; m < n; m++) KeepBitDraws.Draw(seeds[m], thresholds[m], elements, first, count, bits[m]);
            for (long block = first; block < first + count; block++)
            {
                var (start, end) = FusedKernels.BlockRange(block, elements);
                for (int m = 0; m < n; m++)
                    (before[m * blocks + block], after[m * blocks + block]) = wide
                        ? WideBf16Norms(x[m], b, start, end, bits[m])
                        : Norms(x[m], b, start, end, bf16, bits[m]);
            }
        });
        var factors = new float[n];
        for (int m = 0; m < n; m++)
        {
            factors[m] = 1;
            if (!rescale) continue;
            double normBefore = DtypeScalars.Round(before.AsSpan((int)(m * blocks), (int)blocks).ToArray().Sum(), dtype);
            double normAfter = DtypeScalars.Round(after.AsSpan((int)(m * blocks), (int)blocks).ToArray().Sum(), dtype);
            if (normBefore >= 1e-7 && normAfter >= 1e-7) factors[m] = (float)DtypeScalars.Round(normBefore / normAfter, dtype);
        }
        return (bits, factors);
    }

    /// <summary>
    /// <see cref="Norms"/> of bfloat16 in 512-bit steps (even and odd entries apart, as <see cref="WideBf16Lanes"/> loads
    /// them), then the rest there. The same double sums added in another order: they may differ in the last bits of
    /// a double, far below the bfloat16 rounding of the norms and of their ratio that follows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static unsafe (double All, double Kept) WideBf16Norms(IntPtr x, IntPtr b, long start, long end, ulong[] bits)
    {
        var evenBits = TiesWideBf16Steps.LaneBits(first: 0);
        var oddBits = TiesWideBf16Steps.LaneBits(first: 1);
        var zero = Vector512<float>.Zero;
        var all = Vector512<double>.Zero;
        var kept = Vector512<double>.Zero;
        long i = start;
        for (; i + WideBf16Lanes.Step <= end; i += WideBf16Lanes.Step)
        {
            WideBf16Lanes.Load((byte*)x, i, out var x0, out var x1);
            WideBf16Lanes.Load((byte*)b, i, out var b0, out var b1);
            var a0 = Vector512.Abs(WideBf16Lanes.Round(x0 - b0));
            var a1 = Vector512.Abs(WideBf16Lanes.Round(x1 - b1));
            var word = Vector512.Create((int)(uint)(bits[i >> 6] >> (int)(i & 63)));
            var k0 = Vector512.ConditionalSelect(Vector512.Equals(word & evenBits, evenBits).AsSingle(), a0, zero);
            var k1 = Vector512.ConditionalSelect(Vector512.Equals(word & oddBits, oddBits).AsSingle(), a1, zero);
            all += (Vector512.WidenLower(a0) + Vector512.WidenUpper(a0)) + (Vector512.WidenLower(a1) + Vector512.WidenUpper(a1));
            kept += (Vector512.WidenLower(k0) + Vector512.WidenUpper(k0)) + (Vector512.WidenLower(k1) + Vector512.WidenUpper(k1));
        }
        var (restAll, restKept) = Norms(x, b, i, end, bf16: true, bits);
        return (Vector512.Sum(all) + restAll, Vector512.Sum(kept) + restKept);
    }

    /// <summary>L1 norms of the deltas of entries [start, end), all and kept only, accumulated in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static unsafe (double All, double Kept) Norms(IntPtr x, IntPtr b, long start, long end, bool bf16, ulong[] bits)
    {
        var laneBit = LaneBitsOf();
        var all = Vector<double>.Zero;
        var kept = Vector<double>.Zero;
        long i = start;
        for (; i + Lanes.Step <= end; i += Lanes.Step)
        {
            Lanes.Load((byte*)x, i, bf16, out var x0, out var x1);
            Lanes.Load((byte*)b, i, bf16, out var b0, out var b1);
            var a0 = Vector.Abs(bf16 ? Lanes.RoundBF16(x0 - b0) : x0 - b0);
            var a1 = Vector.Abs(bf16 ? Lanes.RoundBF16(x1 - b1) : x1 - b1);
            ulong word = bits[i >> 6] >> (int)(i & 63);
            var k0 = Vector.ConditionalSelect(MaskOf(word, laneBit), a0, Vector<float>.Zero);
            var k1 = Vector.ConditionalSelect(MaskOf(word >> Vector<float>.Count, laneBit), a1, Vector<float>.Zero);
            all += Widened(a0) + Widened(a1);
            kept += Widened(k0) + Widened(k1);
        }
        double sumAll = Vector.Sum(all), sumKept = Vector.Sum(kept);
        for (; i < end; i++)
        {
            float a = MathF.Abs(Lanes.RoundScalar(Lanes.LoadScalar((byte*)x, i, bf16) - Lanes.LoadScalar((byte*)b, i, bf16), bf16));
            sumAll += a;
            if ((bits[i >> 6] & (1UL << (int)(i & 63))) != 0) sumKept += a;
        }
        return (sumAll, sumKept);
    }

    static Vector<double> Widened(Vector<float> v)
    {
        Vector.Widen(v, out Vector<double> low, out Vector<double> high);
        return low + high;
    }

    /// <summary>Lane j holds bit first + stride * j of a word.</summary>
    static Vector<int> LaneBitsOf(int stride = 1, int first = 0)
    {
        Span<int> lanes = stackalloc int[Vector<int>.Count];
        for (int j = 0; j < lanes.Length; j++) lanes[j] = 1 << (first + stride * j);
        return new Vector<int>(lanes);
    }

    /// <summary>Lane j is all ones where bit j of <paramref name="word"/> is set.</summary>
    internal static Vector<int> MaskOf(ulong word, Vector<int> laneBit)
    {
        var broadcast = new Vector<int>((int)(word & 0xFFFFFFFFu));
        return Vector.Equals(broadcast & laneBit, laneBit);
    }
}
