using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Crossover;

/// <summary>
/// SBX (Deb and Agrawal 1995). For each gene, with probability <see cref="GeneProbability"/> and
/// when the parents differ, a spread factor β is drawn from the polynomial density with index η
/// (<see cref="Eta"/>; larger η keeps children closer to the parents) and the children are
/// <c>m ∓ β·(b − a)/2</c> around the parents' midpoint m, so their mean equals the parents' mean and
/// they sit symmetrically about it. Which child gets which value is a coin flip per gene. The
/// unbounded form is used; children beyond the bounds are clamped by the base class.
/// </summary>
public sealed class SimulatedBinaryCrossover : CrossoverBase
{
    public const string Name = "sbx";

    public double Eta { get; }
    public double GeneProbability { get; }

    public SimulatedBinaryCrossover(double eta = 15, double geneProbability = 0.5)
    {
        if (!(eta >= 0) || double.IsInfinity(eta))
            throw new ArgumentOutOfRangeException(nameof(eta), eta, "SBX eta must be a finite number ≥ 0.");
        CheckProbability(geneProbability, nameof(geneProbability));
        Eta = eta;
        GeneProbability = geneProbability;
    }

    protected override IReadOnlyList<double[]> PerformCross(IReadOnlyList<Chromosome> parents, Bounds bounds, Rng rng)
    {
        var (a, b) = (parents[0], parents[1]);
        var first = a.ToArray();
        var second = b.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            if (!(rng.NextDouble() < GeneProbability) || a[i] == b[i]) continue;
            double beta = SpreadFactor(rng.NextDouble());
            double mid = 0.5 * (a[i] + b[i]), half = 0.5 * (b[i] - a[i]);
            double low = mid - beta * half, high = mid + beta * half;
            bool swap = rng.NextDouble() < 0.5;
            first[i] = swap ? high : low;
            second[i] = swap ? low : high;
        }
        return new[] { first, second };
    }

    /// <summary>Inverse CDF of the SBX spread distribution at u ∈ [0, 1).</summary>
    double SpreadFactor(double u)
    {
        double exponent = 1.0 / (Eta + 1.0);
        return u <= 0.5 ? Math.Pow(2.0 * u, exponent) : Math.Pow(1.0 / (2.0 * (1.0 - u)), exponent);
    }

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("eta", Eta), ("geneProbability", GeneProbability));
}
