namespace EvoMerge.Optimizers.Cma;

public sealed partial class CmaEs
{
    /// <summary>
    /// The live genotype mean, for <see cref="CmaWithMargin"/>: its margin step moves the mean of
    /// discrete genes between generations, which is part of the algorithm, not a caller's edit.
    /// </summary>
    internal double[] GenotypeMean => _mean;

    /// <summary>sigma * sqrt(C_ii): the standard deviation of gene <paramref name="i"/>'s genotype.</summary>
    internal double StandardDeviation(int i) => _sigma * Math.Sqrt(_covariance.Variance(i));
}
