using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Mutation;

/// <summary>Resets a chosen gene to a uniform draw within its bounds (a global, memoryless move).</summary>
public sealed class UniformMutation : MutationBase
{
    public const string Name = "uniform";

    public UniformMutation(double geneProbability) : base(geneProbability) { }

    protected override double PerformMutate(double gene, double lower, double upper, Rng rng) => rng.NextDouble(lower, upper);

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("geneProbability", GeneProbability));
}
