using MathNet.Numerics.Distributions;

namespace EvoMerge.Fitness.Racing;

/// <summary>
/// Decides whether two candidates scored on the same first <c>n</c> of <c>N</c> examples are
/// ordered, from a Student-t confidence bound on the mean per-example difference
/// <c>d_k = x_k - y_k</c>: <c>d_bar +- t_(1 - alpha/2, n - 1) * s / sqrt(n) * sqrt((N - n) / (N - 1))</c>.
/// The last factor is the finite-population correction: the fitness set is finite, so once both
/// have seen all of it the difference is known exactly and the bound closes.
/// </summary>
public static class PairedComparison
{
    /// <param name="first">Per-example scores of the first candidate (higher is better).</param>
    /// <param name="second">The second candidate's scores on the same examples, in the same order.</param>
    /// <param name="populationSize">Size <c>N</c> of the full fitness set.</param>
    /// <param name="alpha">Error probability for this one pair; 0 decides only on the full set.</param>
    public static PairVerdict Compare(ReadOnlySpan<double> first, ReadOnlySpan<double> second, int populationSize, double alpha)
    {
        if (first.Length != second.Length)
            throw new ArgumentException("Paired comparison needs the same examples for both candidates.", nameof(second));
        int n = first.Length;
        if (n > populationSize) throw new ArgumentOutOfRangeException(nameof(populationSize));

        if (n == populationSize)
        {
            // Exact: compare the full-set sums the same way a plain full ranking would.
            double sumFirst = 0, sumSecond = 0;
            for (int k = 0; k < n; k++) { sumFirst += first[k]; sumSecond += second[k]; }
            return sumFirst > sumSecond ? PairVerdict.FirstBetter
                : sumFirst < sumSecond ? PairVerdict.SecondBetter
                : PairVerdict.Tied;
        }
        if (n < 2 || alpha <= 0) return PairVerdict.Undecided;

        // Welford's running mean and variance of the differences.
        double mean = 0, m2 = 0;
        for (int k = 0; k < n; k++)
        {
            double d = first[k] - second[k];
            double delta = d - mean;
            mean += delta / (k + 1);
            m2 += delta * (d - mean);
        }
        double sd = Math.Sqrt(m2 / (n - 1));
        double fpc = Math.Sqrt((double)(populationSize - n) / (populationSize - 1));
        double quantile = StudentT.InvCDF(0, 1, n - 1, 1 - alpha / 2);
        double halfWidth = quantile * sd / Math.Sqrt(n) * fpc;
        if (mean - halfWidth > 0) return PairVerdict.FirstBetter;
        if (mean + halfWidth < 0) return PairVerdict.SecondBetter;
        return PairVerdict.Undecided;
    }
}
