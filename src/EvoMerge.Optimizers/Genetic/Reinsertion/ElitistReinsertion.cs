namespace EvoMerge.Optimizers.Genetic.Reinsertion;

/// <summary>
/// Keeps the best <see cref="Elites"/> parents and fills the other places with offspring (the best
/// of them if there are more than places), so the population's best never gets worse.
/// </summary>
public sealed class ElitistReinsertion : ReinsertionBase
{
    public const string Name = "elitist";

    public int Elites { get; }

    public ElitistReinsertion(int elites = 1)
    {
        if (elites < 0) throw new ArgumentOutOfRangeException(nameof(elites), elites, "The number of elites cannot be negative.");
        Elites = elites;
    }

    protected override int PerformOffspringCount(int populationSize)
    {
        if (Elites >= populationSize)
            throw new ArgumentException($"{Elites} elites leave no room for offspring in a population of {populationSize}.", nameof(populationSize));
        return populationSize - Elites;
    }

    protected override IReadOnlyList<Individual> PerformReinsert(IReadOnlyList<Individual> parents, IReadOnlyList<Individual> offspring, int populationSize)
    {
        int places = populationSize - Elites;
        var children = offspring.Count == places ? offspring : Best(offspring, places).ToArray();
        return Best(parents, Elites).Concat(children).ToArray();
    }

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("elites", Elites));
}
