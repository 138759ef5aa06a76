namespace EvoMerge.Optimizers.Genetic.Reinsertion;

/// <summary>Children replace the parents entirely (with more children than places, the best are kept).</summary>
public sealed class GenerationalReinsertion : ReinsertionBase
{
    public const string Name = "generational";

    protected override int PerformOffspringCount(int populationSize) => populationSize;

    protected override IReadOnlyList<Individual> PerformReinsert(IReadOnlyList<Individual> parents, IReadOnlyList<Individual> offspring, int populationSize) =>
        offspring.Count == populationSize ? offspring.ToArray() : Best(offspring, populationSize).ToArray();

    public override OperatorSpec Describe() => new(Name);
}
