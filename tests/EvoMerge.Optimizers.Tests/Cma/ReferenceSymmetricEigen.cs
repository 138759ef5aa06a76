using EvoMerge.Optimizers.Cma;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace EvoMerge.Optimizers.Tests.Cma;

/// <summary>
/// Eigendecomposition of a symmetric matrix given by its lower triangle with MathNet's managed solver:
/// the independent reference the tests hold <see cref="CmaTridiagonalEigen"/> (the production solver,
/// 2.5-4x faster at n = 300-1000) against.
/// </summary>
internal static class ReferenceSymmetricEigen
{
    /// <summary>
    /// Fills <paramref name="eigenvalues"/> and <paramref name="eigenvectorRows"/> (row k is the k-th
    /// unit eigenvector). Returns false if the result is not finite.
    /// </summary>
    public static bool Decompose(ReadOnlySpan<double> lower, int n, Span<double> eigenvalues, Span<double> eigenvectorRows)
    {
        var full = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                full[i * n + j] = full[j * n + i] = lower[i * n + j];
        var evd = new DenseMatrix(n, n, full).Evd(Symmetricity.Symmetric);
        // Column-major storage: column k (the k-th eigenvector) is contiguous, i.e. our row k.
        var vectors = evd.EigenVectors.AsColumnMajorArray() ?? evd.EigenVectors.ToColumnMajorArray();
        vectors.AsSpan().CopyTo(eigenvectorRows);
        bool finite = true;
        for (int k = 0; k < n; k++)
        {
            eigenvalues[k] = evd.EigenValues[k].Real;
            finite &= double.IsFinite(eigenvalues[k]);
        }
        foreach (var v in vectors) finite &= double.IsFinite(v);
        return finite;
    }
}
