using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// Symmetric eigendecomposition laid out for CMA-ES: Householder tridiagonalization, the implicit
/// QL iteration with Wilkinson-type shifts (EISPACK tql2), and eigenvectors kept as contiguous rows
/// so that every rotation and reflection is a SIMD pass over two rows. Single-threaded and
/// deterministic; about twice as fast as MathNet's managed solver at n = 1000 (measured).
/// </summary>
internal static class CmaTridiagonalEigen
{
    const int RowBlock = 16;

    /// <summary>Row k of <paramref name="eigenvectorRows"/> is the unit eigenvector of eigenvalue k.</summary>
    public static bool Decompose(ReadOnlySpan<double> lower, int n, Span<double> eigenvalues, Span<double> eigenvectorRows)
    {
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                a[i * n + j] = a[j * n + i] = lower[i * n + j];
        var d = eigenvalues;
        var e = new double[n];
        var tau = new double[n];
        Tridiagonalize(a, n, d, e, tau);
        var z = eigenvectorRows;
        z[..(n * n)].Clear();
        for (int i = 0; i < n; i++) z[i * n + i] = 1;
        if (!QlIterate(d, e, z, n)) return false;
        ApplyReflectors(a, tau, z, n);
        foreach (var v in d) if (!double.IsFinite(v)) return false;
        return true;
    }

    /// <summary>A = Q T Q^T; reflector k (vector in row k right of the diagonal, factor tau[k]) acts on indices k+1..n-1.</summary>
    static void Tridiagonalize(double[] a, int n, Span<double> d, double[] e, double[] tau)
    {
        var p = new double[n];
        for (int k = 0; k + 2 < n; k++)
        {
            int m = n - k - 1;
            var v = a.AsSpan(k * n + k + 1, m);
            double tail = 0;
            for (int i = 1; i < m; i++) tail += v[i] * v[i];
            d[k] = a[k * n + k];
            if (tail == 0)
            {
                e[k] = v[0];
                tau[k] = 0;
                continue;
            }
            double norm = Math.Sqrt(v[0] * v[0] + tail);
            double alpha = v[0] > 0 ? -norm : norm;
            v[0] -= alpha;
            double t = 2 / (v[0] * v[0] + tail);
            e[k] = alpha;
            tau[k] = t;
            // p = t S v, with S the trailing block; then w = p - (t/2)(p.v) v and S -= v w^T + w v^T.
            var pm = p.AsSpan(0, m);
            for (int i = 0; i < m; i++) pm[i] = t * Dot(a.AsSpan((k + 1 + i) * n + k + 1, m), v);
            double half = t / 2 * Dot(pm, v);
            for (int i = 0; i < m; i++) pm[i] -= half * v[i];
            for (int i = 0; i < m; i++)
                SubtractRankTwo(a.AsSpan((k + 1 + i) * n + k + 1, m), v[i], pm, pm[i], v);
        }
        if (n >= 2)
        {
            d[n - 2] = a[(n - 2) * n + n - 2];
            e[n - 2] = a[(n - 2) * n + n - 1];
        }
        d[n - 1] = a[(n - 1) * n + n - 1];
        e[n - 1] = 0;
    }

    /// <summary>Eigenvalues of the tridiagonal (d, e) into d; rotations accumulated on the rows of z.</summary>
    static bool QlIterate(Span<double> d, double[] e, Span<double> z, int n)
    {
        double f = 0, largest = 0;
        double eps = Math.Pow(2, -52);
        for (int l = 0; l < n; l++)
        {
            largest = Math.Max(largest, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * largest) m++;
            if (m > l)
            {
                int iterations = 0;
                do
                {
                    if (++iterations > 60) return false;
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = Hypot(p, 1);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) d[i] -= h;
                    f += h;
                    p = d[m];
                    double c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
                    double el1 = e[l + 1];
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2; c2 = c; s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        Rotate(z.Slice(i * n, n), z.Slice((i + 1) * n, n), c, s);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.Abs(e[l]) > eps * largest);
            }
            d[l] += f;
            e[l] = 0;
        }
        return true;
    }

    /// <summary>Rows of z become Q times themselves: reflectors n-3 .. 0, a block of rows at a time.</summary>
    static void ApplyReflectors(double[] a, double[] tau, Span<double> z, int n)
    {
        for (int start = 0; start < n; start += RowBlock)
        {
            int end = Math.Min(n, start + RowBlock);
            for (int k = n - 3; k >= 0; k--)
            {
                if (tau[k] == 0) continue;
                int m = n - k - 1;
                var v = a.AsSpan(k * n + k + 1, m);
                for (int r = start; r < end; r++)
                {
                    var row = z.Slice(r * n + k + 1, m);
                    CmaKernels.AddScaled(row, -tau[k] * Dot(v, row), v);
                }
            }
        }
    }

    static double Hypot(double a, double b)
    {
        a = Math.Abs(a); b = Math.Abs(b);
        if (a < b) (a, b) = (b, a);
        if (a == 0) return 0;
        double ratio = b / a;
        return a * Math.Sqrt(1 + ratio * ratio);
    }

    /// <summary>(x, y) = (c x - s y, s x + c y), element-wise.</summary>
    static void Rotate(Span<double> x, Span<double> y, double c, double s)
    {
        int n = x.Length, i = 0, width = Vector<double>.Count;
        ref double px = ref MemoryMarshal.GetReference(x);
        ref double py = ref MemoryMarshal.GetReference(y);
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var vc = new Vector<double>(c);
            var vs = new Vector<double>(s);
            for (; i <= n - width; i += width)
            {
                var xv = Vector.LoadUnsafe(ref px, (nuint)i);
                var yv = Vector.LoadUnsafe(ref py, (nuint)i);
                (vc * xv - vs * yv).StoreUnsafe(ref px, (nuint)i);
                (vs * xv + vc * yv).StoreUnsafe(ref py, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double xi = Unsafe.Add(ref px, i), yi = Unsafe.Add(ref py, i);
            Unsafe.Add(ref px, i) = c * xi - s * yi;
            Unsafe.Add(ref py, i) = s * xi + c * yi;
        }
    }

    /// <summary>row -= a v + b w, element-wise.</summary>
    static void SubtractRankTwo(Span<double> row, double a, ReadOnlySpan<double> w, double b, ReadOnlySpan<double> v)
    {
        int n = row.Length, i = 0, width = Vector<double>.Count;
        ref double pr = ref MemoryMarshal.GetReference(row);
        ref double pw = ref MemoryMarshal.GetReference(w);
        ref double pv = ref MemoryMarshal.GetReference(v);
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var va = new Vector<double>(a);
            var vb = new Vector<double>(b);
            for (; i <= n - width; i += width)
                (Vector.LoadUnsafe(ref pr, (nuint)i) - va * Vector.LoadUnsafe(ref pw, (nuint)i) - vb * Vector.LoadUnsafe(ref pv, (nuint)i))
                    .StoreUnsafe(ref pr, (nuint)i);
        }
        for (; i < n; i++)
            Unsafe.Add(ref pr, i) = Unsafe.Add(ref pr, i) - a * Unsafe.Add(ref pw, i) - b * Unsafe.Add(ref pv, i);
    }

    /// <summary>Dot product with per-lane partial sums (fixed association, so the result is deterministic).</summary>
    static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length, i = 0, width = Vector<double>.Count;
        ref double px = ref MemoryMarshal.GetReference(x);
        ref double py = ref MemoryMarshal.GetReference(y);
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var acc = Vector<double>.Zero;
            for (; i <= n - width; i += width)
                acc += Vector.LoadUnsafe(ref px, (nuint)i) * Vector.LoadUnsafe(ref py, (nuint)i);
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref px, i) * Unsafe.Add(ref py, i);
        return sum;
    }
}
