using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Crossover;

/// <summary>One cut after gene c (c uniform in 1..n−1): children are a[..c] + b[c..] and b[..c] + a[c..].</summary>
public sealed class OnePointCrossover : CrossoverBase
{
    public const string Name = "one_point";

    protected override int MinimumGenes => 2;

    protected override IReadOnlyList<double[]> PerformCross(IReadOnlyList<Chromosome> parents, Bounds bounds, Rng rng)
    {
        var (a, b) = (parents[0], parents[1]);
        int cut = 1 + rng.NextInt(a.Length - 1);
        return new[] { Splice(a, b, cut), Splice(b, a, cut) };
    }

    static double[] Splice(Chromosome head, Chromosome tail, int cut)
    {
        var child = tail.ToArray();
        head.Genes[..cut].CopyTo(child);
        return child;
    }

    public override OperatorSpec Describe() => new(Name);
}
