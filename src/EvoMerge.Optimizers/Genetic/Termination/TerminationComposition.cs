namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>Fluent composition: <c>generations.Or(target)</c>, <c>evaluations.And(stagnation)</c>.</summary>
public static class TerminationComposition
{
    public static ITermination And(this ITermination first, ITermination second) => new AndTermination(first, second);

    public static ITermination Or(this ITermination first, ITermination second) => new OrTermination(first, second);
}
