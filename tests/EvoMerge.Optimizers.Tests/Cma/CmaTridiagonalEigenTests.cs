using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class CmaTridiagonalEigenTests
{
    static double[] RandomSpd(int n, ulong seed)
    {
        var rng = new Rng(seed);
        var g = new double[n * n];
        rng.FillGaussian(g);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += g[i * n + k] * g[j * n + k];
                a[i * n + j] = s + (i == j ? 1e-3 : 0);
            }
        return a;
    }

    static void AssertIsEigendecomposition(double[] lower, int n, double[] values, double[] rows, double tolerance)
    {
        double scale = values.Max(Math.Abs) + 1e-300;
        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < n; i++)
            {
                double av = 0;
                for (int j = 0; j < n; j++) av += (i >= j ? lower[i * n + j] : lower[j * n + i]) * rows[k * n + j];
                Assert.InRange(Math.Abs(av - values[k] * rows[k * n + i]), 0, tolerance * scale);
            }
            for (int l = 0; l <= k; l++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += rows[k * n + i] * rows[l * n + i];
                Assert.InRange(Math.Abs(dot - (k == l ? 1 : 0)), 0, tolerance);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(40)]
    public void Decomposes_random_positive_definite_matrices_like_MathNet(int n)
    {
        var a = RandomSpd(n, (ulong)n);
        var values = new double[n];
        var rows = new double[n * n];
        Assert.True(CmaTridiagonalEigen.Decompose(a, n, values, rows));
        AssertIsEigendecomposition(a, n, values, rows, 1e-12);
        var reference = new double[n];
        Assert.True(ReferenceSymmetricEigen.Decompose(a, n, reference, new double[n * n]));
        Assert.Equal(reference.Order().ToArray(), values.Order().ToArray(), (x, y) => Math.Abs(x - y) <= 1e-10 * reference.Max());
    }

    [Fact]
    public void Handles_diagonal_and_repeated_eigenvalues()
    {
        const int n = 6;
        var a = new double[n * n];
        double[] diagonal = [2, 1, 2, 1e-8, 2, 5];
        for (int i = 0; i < n; i++) a[i * n + i] = diagonal[i];
        var values = new double[n];
        var rows = new double[n * n];
        Assert.True(CmaTridiagonalEigen.Decompose(a, n, values, rows));
        AssertIsEigendecomposition(a, n, values, rows, 1e-14);
        Assert.Equal(diagonal.Order(), values.Order());
    }
}
