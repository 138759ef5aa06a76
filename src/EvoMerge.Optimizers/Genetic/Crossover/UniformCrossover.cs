using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Crossover;

/// <summary>Each gene comes from the first parent with probability <see cref="MixProbability"/>; the second child gets the other parent's gene.</summary>
public sealed class UniformCrossover : CrossoverBase
{
    public const string Name = "uniform";

    public double MixProbability { get; }

    public UniformCrossover(double mixProbability = 0.5)
    {
        CheckProbability(mixProbability, nameof(mixProbability));
        MixProbability = mixProbability;
    }

    protected override IReadOnlyList<double[]> PerformCross(IReadOnlyList<Chromosome> parents, Bounds bounds, Rng rng)
    {
        var (a, b) = (parents[0], parents[1]);
        var first = new double[a.Length];
        var second = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            bool keep = rng.NextDouble() < MixProbability;
            first[i] = keep ? a[i] : b[i];
            second[i] = keep ? b[i] : a[i];
        }
        return new[] { first, second };
    }

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("mixProbability", MixProbability));
}
