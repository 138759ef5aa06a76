using MathNet.Numerics.Distributions;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// The margin step of CMA-ES with margin (Hamano et al., GECCO 2022) for one discrete gene: after
/// the CMA update, the mean and the gene's extra scale A are moved so that the probability of
/// sampling a neighbouring value never drops below the margin. Without it the marginal of an
/// integer gene collapses onto one value (sigma shrinks on the plateau) and the search stalls.
/// The gene's encoded coordinate is N(mean, (A * sd)^2) with sd = sigma * sqrt(C_ii).
/// </summary>
internal static class MarginCorrection
{
    // Probabilities kept strictly inside (0, 1/2) so the normal quantiles below stay finite.
    const double ProbabilityFloor = 1e-10;

    /// <summary>Corrected (mean, A) of one gene; unchanged when the margin already holds.</summary>
    public static (double Mean, double Scale) Correct(DiscreteValues values, double mean, double scale, double sd, double margin)
    {
        double s = scale * sd;
        int interval = values.IntervalOf(mean);
        if (interval == 0 || interval == values.Count - 1)
        {
            // Outermost interval: only one neighbour. Its probability is lifted to the margin by
            // moving the mean toward the threshold, leaving the spread alone.
            double threshold = values.Threshold(interval == 0 ? 0 : values.Count - 2);
            double crossing = Normal.CDF(0, 1, -Math.Abs(threshold - mean) / s);
            if (!(crossing < margin)) return (mean, scale);
            double side = interval == 0 ? -1 : 1;
            return (threshold + side * s * Quantile(margin), scale);
        }

        // Inner interval: each neighbour gets at least margin / 2; the probability that lifting
        // adds is taken from the other outcomes in proportion to what they hold above margin / 2.
        double lo = values.Threshold(interval - 1), hi = values.Threshold(interval);
        double below = Normal.CDF(0, 1, (lo - mean) / s);
        double above = Normal.CDF(0, 1, (mean - hi) / s);
        double half = margin / 2;
        if (below >= half && above >= half) return (mean, scale);
        double inside = 1 - below - above;
        double liftedBelow = Math.Max(below, half), liftedAbove = Math.Max(above, half);
        double excess = liftedBelow + liftedAbove + inside - 1;
        double spare = liftedBelow + liftedAbove + inside - 3 * half;
        double newBelow = Math.Clamp(liftedBelow - excess * (liftedBelow - half) / spare, ProbabilityFloor, 0.5 - ProbabilityFloor);
        double newAbove = Math.Clamp(liftedAbove - excess * (liftedAbove - half) / spare, ProbabilityFloor, 0.5 - ProbabilityFloor);
        // Solve mean - qBelow * A * sd = lo and mean + qAbove * A * sd = hi for mean and A.
        double qBelow = Quantile(newBelow), qAbove = Quantile(newAbove);
        double newScale = (hi - lo) / ((qBelow + qAbove) * sd);
        double newMean = (lo * qAbove + hi * qBelow) / (qBelow + qAbove);
        return (newMean, newScale);
    }

    /// <summary>The standard normal q with P(X &gt; q) = p (computed on the lower tail, where p is exact).</summary>
    static double Quantile(double p) => -Normal.InvCDF(0, 1, p);
}
