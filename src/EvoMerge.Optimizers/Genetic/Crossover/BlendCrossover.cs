using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Crossover;

/// <summary>
/// BLX-α (Eshelman and Schaffer): each child gene is uniform in
/// [min − α·d, max + α·d] with d = |a − b|, drawn independently for each child (then clamped).
/// α = 0 stays between the parents; α = 0.5 keeps the population's spread on average.
/// </summary>
public sealed class BlendCrossover : CrossoverBase
{
    public const string Name = "blend";

    public double Alpha { get; }

    public BlendCrossover(double alpha = 0.5)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "BLX alpha must be a finite number ≥ 0.");
        Alpha = alpha;
    }

    protected override IReadOnlyList<double[]> PerformCross(IReadOnlyList<Chromosome> parents, Bounds bounds, Rng rng)
    {
        var (a, b) = (parents[0], parents[1]);
        var children = new[] { new double[a.Length], new double[a.Length] };
        foreach (var child in children)
            for (int i = 0; i < a.Length; i++)
            {
                double low = Math.Min(a[i], b[i]), high = Math.Max(a[i], b[i]);
                double reach = Alpha * (high - low);
                child[i] = rng.NextDouble(low - reach, high + reach);
            }
        return children;
    }

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("alpha", Alpha));
}
