namespace EvoMerge.Optimizers.Genetic.Crossover;

/// <summary>Builds a crossover from its description; the list of names is explicit.</summary>
public static class CrossoverFactory
{
    public static IReadOnlyList<string> KnownNames { get; } = new[]
    {
        UniformCrossover.Name, OnePointCrossover.Name, TwoPointCrossover.Name, BlendCrossover.Name, SimulatedBinaryCrossover.Name,
    };

    public static ICrossover Create(OperatorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        switch (spec.Name)
        {
            case UniformCrossover.Name: spec.ExpectParameters("mixProbability"); return new UniformCrossover(spec.Get("mixProbability"));
            case OnePointCrossover.Name: spec.ExpectParameters(); return new OnePointCrossover();
            case TwoPointCrossover.Name: spec.ExpectParameters(); return new TwoPointCrossover();
            case BlendCrossover.Name: spec.ExpectParameters("alpha"); return new BlendCrossover(spec.Get("alpha"));
            case SimulatedBinaryCrossover.Name:
                spec.ExpectParameters("eta", "geneProbability");
                return new SimulatedBinaryCrossover(spec.Get("eta"), spec.Get("geneProbability"));
            default:
                throw new ArgumentException($"Unknown crossover '{spec.Name}'; known: {string.Join(", ", KnownNames)}.");
        }
    }
}
