using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// The few dense loops that dominate CMA-ES's cost, written with SIMD vectors over row-major
/// arrays and no allocation. Results do not depend on thread count or timing, so a run and its
/// restored copy compute bit-identical numbers.
/// </summary>
internal static class CmaKernels
{
    /// <summary>
    /// rows x (n x n) product: result[j, :] = sum_k coefficients[j, k] * matrix[k, :], for
    /// <paramref name="rowCount"/> rows. Four matrix rows at a time keep them in L1 while every
    /// result row streams past.
    /// </summary>
    public static void MultiplyRows(ReadOnlySpan<double> coefficients, ReadOnlySpan<double> matrix,
        Span<double> result, int rowCount, int n)
    {
        result[..(rowCount * n)].Clear();
        int k = 0;
        for (; k + 4 <= n; k += 4)
        {
            var m0 = matrix.Slice(k * n, n);
            var m1 = matrix.Slice((k + 1) * n, n);
            var m2 = matrix.Slice((k + 2) * n, n);
            var m3 = matrix.Slice((k + 3) * n, n);
            for (int j = 0; j < rowCount; j++)
            {
                int c = j * n + k;
                AddFour(result.Slice(j * n, n), coefficients[c], m0, coefficients[c + 1], m1,
                    coefficients[c + 2], m2, coefficients[c + 3], m3);
            }
        }
        for (; k < n; k++)
        {
            var m0 = matrix.Slice(k * n, n);
            for (int j = 0; j < rowCount; j++) AddScaled(result.Slice(j * n, n), coefficients[j * n + k], m0);
        }
    }

    /// <summary>target += a0 r0 + a1 r1 + a2 r2 + a3 r3.</summary>
    static void AddFour(Span<double> target, double a0, ReadOnlySpan<double> r0, double a1, ReadOnlySpan<double> r1,
        double a2, ReadOnlySpan<double> r2, double a3, ReadOnlySpan<double> r3)
    {
        int n = target.Length;
        ref double t = ref MemoryMarshal.GetReference(target);
        ref double p0 = ref MemoryMarshal.GetReference(r0);
        ref double p1 = ref MemoryMarshal.GetReference(r1);
        ref double p2 = ref MemoryMarshal.GetReference(r2);
        ref double p3 = ref MemoryMarshal.GetReference(r3);
        int i = 0;
        int width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var v0 = new Vector<double>(a0);
            var v1 = new Vector<double>(a1);
            var v2 = new Vector<double>(a2);
            var v3 = new Vector<double>(a3);
            for (; i <= n - width; i += width)
            {
                var acc = Vector.LoadUnsafe(ref t, (nuint)i);
                acc += v0 * Vector.LoadUnsafe(ref p0, (nuint)i);
                acc += v1 * Vector.LoadUnsafe(ref p1, (nuint)i);
                acc += v2 * Vector.LoadUnsafe(ref p2, (nuint)i);
                acc += v3 * Vector.LoadUnsafe(ref p3, (nuint)i);
                acc.StoreUnsafe(ref t, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            // Same association as the vector lanes, so results do not depend on the SIMD width.
            double acc = Unsafe.Add(ref t, i);
            acc += a0 * Unsafe.Add(ref p0, i);
            acc += a1 * Unsafe.Add(ref p1, i);
            acc += a2 * Unsafe.Add(ref p2, i);
            acc += a3 * Unsafe.Add(ref p3, i);
            Unsafe.Add(ref t, i) = acc;
        }
    }

    /// <summary>target += a * source.</summary>
    public static void AddScaled(Span<double> target, double a, ReadOnlySpan<double> source)
    {
        int n = target.Length;
        ref double t = ref MemoryMarshal.GetReference(target);
        ref double s = ref MemoryMarshal.GetReference(source);
        int i = 0;
        int width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var va = new Vector<double>(a);
            for (; i <= n - width; i += width)
                (Vector.LoadUnsafe(ref t, (nuint)i) + va * Vector.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref t, i) += a * Unsafe.Add(ref s, i);
    }

    /// <summary>
    /// Lower triangle (diagonal included) of c = decay * c + sum_t weights[t] * v_t v_t^T, with the
    /// vectors v_t the rows of <paramref name="vectors"/>. Only j &lt;= i is read or written.
    /// </summary>
    public static void SymmetricRankUpdateLower(Span<double> c, int n, double decay,
        ReadOnlySpan<double> vectors, ReadOnlySpan<double> weights, int vectorCount, Span<double> scratch)
    {
        var scaled = scratch[..vectorCount];
        ref double v = ref MemoryMarshal.GetReference(vectors);
        int width = Vector<double>.Count;
        var vDecay = new Vector<double>(decay);
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < vectorCount; t++) scaled[t] = weights[t] * vectors[t * n + i];
            var row = c.Slice(i * n, i + 1);
            ref double r = ref MemoryMarshal.GetReference(row);
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; j <= i + 1 - width; j += width)
                {
                    var acc = vDecay * Vector.LoadUnsafe(ref r, (nuint)j);
                    for (int t = 0; t < vectorCount; t++)
                        acc += new Vector<double>(scaled[t]) * Vector.LoadUnsafe(ref v, (nuint)(t * n + j));
                    acc.StoreUnsafe(ref r, (nuint)j);
                }
            }
            for (; j <= i; j++)
            {
                double acc = decay * Unsafe.Add(ref r, j);
                for (int t = 0; t < vectorCount; t++) acc += scaled[t] * Unsafe.Add(ref v, t * n + j);
                Unsafe.Add(ref r, j) = acc;
            }
        }
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
