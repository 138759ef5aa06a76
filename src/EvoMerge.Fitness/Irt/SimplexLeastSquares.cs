using MathNet.Numerics.LinearAlgebra;

namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Weights <c>beta</c> on the probability simplex (non-negative, summing to 1) minimising
/// <c>|| X^T beta - y ||^2</c> for rows <c>X_j</c>: the convex mix of known answer vectors closest to an
/// observed one. Projected gradient descent with step <c>1 / ||X||_2^2</c> (the gradient's Lipschitz
/// constant) from the uniform mix; the projection is the sort-based one of Held, Wolfe and Crowder.
/// Deterministic: no random start, a fixed iteration cap.
/// </summary>
public sealed class SimplexLeastSquares
{
    const int MaxIterations = 500;
    const double Tolerance = 1e-10;

    readonly double[][] _rows;
    readonly double _step;

    /// <param name="rows">The known vectors <c>X_j</c>, all of one length.</param>
    public SimplexLeastSquares(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0) throw new ArgumentException("The simplex fit needs at least one known vector.", nameof(rows));
        _rows = rows;
        double norm = Matrix<double>.Build.DenseOfRowArrays(rows).L2Norm();
        _step = norm > 0 ? 1 / (norm * norm) : 0;
    }

    public double[] Fit(IReadOnlyList<double> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        int m = _rows.Length, n = target.Count;
        var beta = Enumerable.Repeat(1.0 / m, m).ToArray();
        if (_step == 0) return beta;
        var mixed = new double[n];
        var gradient = new double[m];
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            Array.Clear(mixed);
            for (int j = 0; j < m; j++)
                for (int i = 0; i < n; i++) mixed[i] += beta[j] * _rows[j][i];
            for (int j = 0; j < m; j++)
            {
                double g = 0;
                for (int i = 0; i < n; i++) g += _rows[j][i] * (mixed[i] - target[i]);
                gradient[j] = beta[j] - _step * g;
            }
            var next = ProjectOntoSimplex(gradient);
            double change = 0;
            for (int j = 0; j < m; j++) change = Math.Max(change, Math.Abs(next[j] - beta[j]));
            beta = next;
            if (change < Tolerance) break;
        }
        return beta;
    }

    /// <summary>The closest point of the simplex: <c>max(v - t, 0)</c> with the threshold <c>t</c> that makes it sum to 1.</summary>
    public static double[] ProjectOntoSimplex(IReadOnlyList<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var sorted = v.OrderByDescending(x => x).ToArray();
        double cumulative = 0, threshold = 0;
        for (int r = 0; r < sorted.Length; r++)
        {
            cumulative += sorted[r];
            double candidate = (cumulative - 1) / (r + 1);
            if (sorted[r] > candidate) threshold = candidate;
        }
        return [.. v.Select(x => Math.Max(x - threshold, 0))];
    }
}
