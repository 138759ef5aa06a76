using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Crossover;

/// <summary>
/// Two distinct cuts 1 ≤ c1 &lt; c2 ≤ n−1 (uniform over such pairs); the middle segment [c1, c2) is
/// swapped between the parents.
/// </summary>
public sealed class TwoPointCrossover : CrossoverBase
{
    public const string Name = "two_point";

    protected override int MinimumGenes => 3;

    protected override IReadOnlyList<double[]> PerformCross(IReadOnlyList<Chromosome> parents, Bounds bounds, Rng rng)
    {
        var (a, b) = (parents[0], parents[1]);
        int n = a.Length;
        // Choose two distinct cut positions out of the n−1 inner ones.
        int c1 = 1 + rng.NextInt(n - 1);
        int c2 = 1 + rng.NextInt(n - 2);
        if (c2 >= c1) c2++;
        if (c1 > c2) (c1, c2) = (c2, c1);
        return new[] { SwapMiddle(a, b, c1, c2), SwapMiddle(b, a, c1, c2) };
    }

    static double[] SwapMiddle(Chromosome outer, Chromosome middle, int from, int to)
    {
        var child = outer.ToArray();
        middle.Genes[from..to].CopyTo(child.AsSpan(from));
        return child;
    }

    public override OperatorSpec Describe() => new(Name);
}
